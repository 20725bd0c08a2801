package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JSON of a pod's {@code containerStatuses} entries, in Kubernetes' shapes. */
final class ContainerStatusJson {
    private ContainerStatusJson() {}

    static ObjectNode base(String name, String image) {
        ObjectNode status = Json.object();
        status.put("name", name);
        status.put("image", image);
        status.put("imageID", "");
        status.put("ready", false);
        status.put("started", false);
        status.put("restartCount", 0);
        return status;
    }

    static void waiting(ObjectNode status, String reason, String message) {
        ObjectNode waiting = status.putObject("state").putObject("waiting");
        waiting.put("reason", reason);
        if (message != null && !message.isEmpty()) {
            waiting.put("message", message);
        }
    }

    static ObjectNode terminated(ContainerStatus container, String runtimeName) {
        ObjectNode terminated = Json.object();
        terminated.put("exitCode", exitCode(container));
        String reason = container.reason() == null || container.reason().isEmpty()
                ? ContainerStatus.reasonForExitCode(exitCode(container)) : container.reason();
        terminated.put("reason", reason);
        if (container.message() != null && !container.message().isEmpty()) {
            terminated.put("message", container.message());
        }
        if (container.startedAt() != null) {
            terminated.put("startedAt", time(container.startedAt()));
        }
        if (container.finishedAt() != null) {
            terminated.put("finishedAt", time(container.finishedAt()));
        }
        terminated.put("containerID", runtimeName + "://" + container.id().value());
        return terminated;
    }

    /** A container whose end nobody saw counts as killed (137), as the kubelet reports it. */
    static int exitCode(ContainerStatus container) {
        return container.exitCode() == null ? 137 : container.exitCode();
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
