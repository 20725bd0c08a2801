package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Turns the engine's view of a container ({@code docker inspect}) into the runtime contract's {@link ContainerStatus}. */
final class DockerContainerStates {
    /** Kubernetes' reason for a container the kernel ended for using more memory than its limit. */
    static final String OOM_KILLED = "OOMKilled";
    /** The engine's zero time: "never". */
    private static final String ZERO_TIME_PREFIX = "0001-01-01";

    private DockerContainerStates() {}

    static ContainerStatus status(InspectContainerResponse container) {
        Map<String, String> labels = container.getConfig().getLabels();
        InspectContainerResponse.ContainerState state = container.getState();
        ContainerId id = new ContainerId(container.getId());
        String image = container.getConfig().getImage();
        String dockerState = state.getStatus() == null ? "" : state.getStatus();
        Instant startedAt = time(state.getStartedAt());
        Instant finishedAt = time(state.getFinishedAt());
        String error = state.getError() == null || state.getError().isEmpty()
                ? labels.getOrDefault(DockerLabels.START_ERROR, "") : state.getError();
        ContainerState ours;
        Integer exitCode = null;
        String reason = null;
        String message = null;
        switch (dockerState) {
            case "running", "paused", "restarting" -> ours = ContainerState.RUNNING;
            case "created" -> {
                if (error.isEmpty()) {
                    ours = ContainerState.CREATED;
                } else {
                    // The engine made it but could not start its process (no such executable, bad working
                    // directory): an attempt that never ran, reported as containerd does for Kubernetes.
                    ours = ContainerState.EXITED;
                    exitCode = ContainerStartException.EXIT_CODE;
                    reason = ContainerStartException.START_ERROR;
                    message = error;
                    startedAt = null;
                    finishedAt = finishedAt != null ? finishedAt : time(container.getCreated());
                }
            }
            case "exited", "dead", "removing" -> {
                ours = ContainerState.EXITED;
                exitCode = state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
                if (Boolean.TRUE.equals(state.getOOMKilled())) {
                    reason = OOM_KILLED;
                } else if (!error.isEmpty() && startedAt == null) {
                    exitCode = ContainerStartException.EXIT_CODE;
                    reason = ContainerStartException.START_ERROR;
                } else {
                    reason = ContainerStatus.reasonForExitCode(exitCode == null ? 137 : exitCode);
                }
                message = error.isEmpty() ? null : error;
            }
            default -> ours = ContainerState.UNKNOWN;
        }
        return new ContainerStatus(id, DockerLabels.podOf(labels), labels.get(DockerLabels.CONTAINER_NAME),
                DockerLabels.attemptOf(labels), image, ours, exitCode, startedAt, finishedAt, reason, message);
    }

    /** The engine's RFC 3339 time, or null for its zero time and for nothing. */
    static Instant time(String text) {
        if (text == null || text.isEmpty() || text.startsWith(ZERO_TIME_PREFIX)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
