package io.coxswain.controlplane.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Pods bound (by the user's {@code spec.nodeName}, or to a node since deleted) to a node that does
 * not exist: no agent will ever run or report them. Kubernetes' pod GC removes them quietly; here
 * they fail with a reason and an event the user can read, so that {@code kubectl get pods} says why
 * ({@code NodeNotFound}) and a controller can replace them. A pod younger than the quarantine is left
 * alone: its node may be registering right now.
 */
final class PodsOnMissingNodes {
    static final String REASON = "NodeNotFound";

    private PodsOnMissingNodes() {}

    static boolean isOrphaned(JsonNode pod, Set<String> nodes, Instant now, Duration quarantine) {
        String nodeName = Json.text(pod, "spec.nodeName");
        String phase = Json.text(pod, "status.phase");
        if (nodeName.isEmpty() || nodes.contains(nodeName) || pod.path("metadata").has("deletionTimestamp")
                || phase.equals("Failed") || phase.equals("Succeeded")) {
            return false;
        }
        try {
            Instant created = Instant.parse(Json.text(pod, "metadata.creationTimestamp"));
            return !created.plus(quarantine).isAfter(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    static String message(JsonNode pod) {
        return "Pod was bound to node \"" + Json.text(pod, "spec.nodeName") + "\", which does not exist";
    }

    /** A merge patch of the status: Failed, with the reason kubectl shows in STATUS. */
    static ObjectNode failedStatus(JsonNode pod) {
        ObjectNode patch = Json.object();
        ObjectNode status = patch.putObject("status");
        status.put("phase", "Failed");
        status.put("reason", REASON);
        status.put("message", message(pod));
        return patch;
    }
}
