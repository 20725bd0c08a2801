package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;

/**
 * One attempt of one container of one pod: what a process runtime container id spells out
 * ({@code <pod uid>_<container name>_<attempt>}). Neither a Kubernetes uid nor a DNS label holds a '_'.
 */
record ContainerAttempt(String podUid, String containerName, int attempt) {
    private static final String SEPARATOR = "_";

    ContainerAttempt {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative");
        }
    }

    static ContainerAttempt of(ContainerId id) {
        String[] parts = id.value().split(SEPARATOR, -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw ContainerNotFoundException.of(id);
        }
        try {
            return new ContainerAttempt(parts[0], parts[1], Integer.parseInt(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ContainerNotFoundException.of(id);
        }
    }

    /** Parses a directory name made by {@link #directoryName()}, or null for anything else. */
    static ContainerAttempt fromDirectoryName(String podUid, String directoryName) {
        int dash = directoryName.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            return new ContainerAttempt(podUid, directoryName.substring(0, dash),
                    Integer.parseInt(directoryName.substring(dash + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    ContainerId id() {
        return new ContainerId(podUid + SEPARATOR + containerName + SEPARATOR + attempt);
    }

    String directoryName() {
        return containerName + "-" + attempt;
    }

    ContainerAttempt withAttempt(int other) {
        return new ContainerAttempt(podUid, containerName, other);
    }

    @Override
    public String toString() {
        return id().value();
    }
}
