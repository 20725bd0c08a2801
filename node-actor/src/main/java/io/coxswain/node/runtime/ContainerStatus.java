package io.coxswain.node.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * What a runtime knows about one attempt of one container, labelled with the pod and container it belongs to.
 *
 * @param exitCode   set once {@code EXITED}
 * @param reason     Kubernetes' words for how it ended: {@code Completed}, {@code Error}, {@code ContainerStatusUnknown}
 *                   (the runtime lost track of it); null while running
 * @param startedAt  null until running; {@code finishedAt} null until exited
 */
public record ContainerStatus(
        ContainerId id,
        PodRef pod,
        String containerName,
        int attempt,
        String image,
        ContainerState state,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        String reason,
        String message) {

    public static final String COMPLETED = "Completed";
    public static final String ERROR = "Error";
    /** Kubernetes' reason (with exit code 137) for a container whose end nobody saw. */
    public static final String STATUS_UNKNOWN = "ContainerStatusUnknown";

    public ContainerStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(state, "state");
    }

    public String podUid() {
        return pod.uid();
    }

    public boolean isRunning() {
        return state == ContainerState.RUNNING;
    }

    /** Kubernetes' reason for a container that exited with {@code exitCode} on its own. */
    public static String reasonForExitCode(int exitCode) {
        return exitCode == 0 ? COMPLETED : ERROR;
    }
}
