package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;

/**
 * Why a container has no log yet, in the kubelet's words ({@code validateContainerLogStatus}), for
 * the 400 that {@code kubectl logs} prints: the node agent only knows that its runtime has no
 * attempt of the container, the pod's status says what the container waits for.
 */
final class ContainerNotStarted {
    private ContainerNotStarted() {}

    /**
     * @param previous whether the earlier attempt was asked for ({@code --previous})
     */
    static String message(ObjectNode pod, String container, boolean previous) {
        String names = "\"" + container + "\" in pod \"" + Json.text(pod, "metadata.name") + "\"";
        if (previous) {
            return "previous terminated container " + names + " not found";
        }
        JsonNode state = statusOf(pod, container).path("state");
        if (state.has("terminated")) {
            return "container " + names + " is terminated";
        }
        if (state.has("running")) {
            // The status is ahead of the runtime (or the attempt was removed): nothing to read yet.
            return "container " + names + " is waiting to start - no logs yet";
        }
        return "container " + names + " is waiting to start: " + explain(waitingReason(pod, container, state));
    }

    /** The kubelet spells out the two most common waiting reasons. */
    private static String explain(String reason) {
        return switch (reason) {
            case "ErrImagePull" -> "image can't be pulled";
            case "ImagePullBackOff" -> "trying and failing to pull image";
            default -> reason;
        };
    }

    /**
     * The reason the status gives; before the agent has written one, what the kubelet reports for
     * a container not yet made: PodInitializing for an app container behind init containers,
     * ContainerCreating otherwise.
     */
    private static String waitingReason(ObjectNode pod, String container, JsonNode state) {
        String reason = state.path("waiting").path("reason").asText("");
        if (!reason.isEmpty()) {
            return reason;
        }
        boolean isInit = false;
        for (JsonNode init : pod.path("spec").path("initContainers")) {
            isInit |= init.path("name").asText().equals(container);
        }
        return !isInit && pod.path("spec").path("initContainers").size() > 0 ? "PodInitializing" : "ContainerCreating";
    }

    private static JsonNode statusOf(ObjectNode pod, String container) {
        for (String list : new String[] {"containerStatuses", "initContainerStatuses"}) {
            for (JsonNode status : pod.path("status").path(list)) {
                if (status.path("name").asText().equals(container)) {
                    return status;
                }
            }
        }
        return Json.object();
    }
}
