package io.coxswain.controlplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code ReplicaFailure} condition of a ReplicaSet: True with reason FailedCreate while creating
 * its pods fails (a quota, an invalid template), gone once creates succeed, as Kubernetes sets it.
 * Other conditions are kept as they are.
 */
final class ReplicaFailureCondition {
    static final String TYPE = "ReplicaFailure";

    private ReplicaFailureCondition() {}

    static ArrayNode next(JsonNode current, String createFailure, Instant now) {
        ArrayNode conditions = Json.MAPPER.createArrayNode();
        JsonNode existing = null;
        for (JsonNode condition : current) {
            if (TYPE.equals(condition.path("type").asText())) {
                existing = condition;
            } else {
                conditions.add(condition.deepCopy());
            }
        }
        if (createFailure == null) {
            return conditions;
        }
        if (existing != null && existing.path("message").asText().equals(createFailure)) {
            conditions.add(existing.deepCopy()); // unchanged: keep its time, or the status never settles
            return conditions;
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", TYPE);
        condition.put("status", "True");
        condition.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("reason", "FailedCreate");
        condition.put("message", createFailure);
        return conditions;
    }
}
