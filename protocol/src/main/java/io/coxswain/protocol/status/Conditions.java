package io.coxswain.protocol.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Status conditions, set as Kubernetes' condition helpers set them (by masters and node agents alike). */
public final class Conditions {
    private Conditions() {}

    /** Sets one condition of a status, as Kubernetes' condition helpers do: the transition time moves only on change. */
    public static void set(ObjectNode status, String conditionType, String value, String reason, String message,
                           Instant now) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode list ? list : status.putArray("conditions");
        ObjectNode condition = null;
        for (JsonNode existing : conditions) {
            if (conditionType.equals(existing.path("type").asText())) {
                condition = (ObjectNode) existing;
            }
        }
        if (condition == null) {
            condition = conditions.addObject();
            condition.put("type", conditionType);
        }
        if (!value.equals(condition.path("status").asText())) {
            condition.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        condition.put("status", value);
        condition.putNull("lastProbeTime");
        if (reason.isEmpty()) {
            condition.remove("reason");
            condition.remove("message");
        } else {
            condition.put("reason", reason);
            condition.put("message", message);
        }
    }

    /** {@link #set} with a boolean status ("True" / "False"). */
    public static void set(ObjectNode status, String conditionType, boolean value, String reason, String message,
                           Instant now) {
        set(status, conditionType, value ? "True" : "False", reason, message, now);
    }
}
