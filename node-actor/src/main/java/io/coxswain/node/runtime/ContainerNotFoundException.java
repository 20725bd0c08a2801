package io.coxswain.node.runtime;

/** The runtime has no such container (or no such previous attempt). */
public class ContainerNotFoundException extends ContainerRuntimeException {
    public static final String NOT_FOUND = "NotFound";

    public ContainerNotFoundException(String message) {
        super(NOT_FOUND, message);
    }

    public static ContainerNotFoundException of(ContainerId id) {
        return new ContainerNotFoundException("container \"" + id + "\" not found");
    }

    /** Kubernetes' words when {@code --previous} finds nothing. */
    public static ContainerNotFoundException noPrevious(String containerName, PodRef pod) {
        return new ContainerNotFoundException(
                "previous terminated container \"" + containerName + "\" in pod \"" + pod.name() + "\" not found");
    }
}
