package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Sets a pod's conditions, moving {@code lastTransitionTime} only when a condition changes. */
final class PodConditions {
    private PodConditions() {}

    static void set(ObjectNode status, String type, boolean value, String reason, String message, Instant now) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode list ? list : status.putArray("conditions");
        String text = value ? "True" : "False";
        ObjectNode condition = null;
        for (JsonNode existing : conditions) {
            if (type.equals(existing.path("type").asText())) {
                condition = (ObjectNode) existing;
            }
        }
        if (condition == null) {
            condition = conditions.addObject();
            condition.put("type", type);
            condition.putNull("lastProbeTime");
        }
        if (!text.equals(condition.path("status").asText())) {
            condition.put("status", text);
            condition.put("lastTransitionTime", ContainerStatusJson.time(now));
        }
        if (reason.isEmpty()) {
            condition.remove("reason");
            condition.remove("message");
        } else {
            condition.put("reason", reason);
            condition.put("message", message);
        }
    }
}
