package io.coxswain.controlplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;

/**
 * Status writes of controllers. A controller's own status write wakes it again, so it must write
 * only when the status really changed — compared as stored JSON (2 read back from storage is the
 * same as the 2L a planner put), never by object identity or number type.
 */
public final class StatusPatches {
    private StatusPatches() {}

    public static boolean differs(JsonNode current, JsonNode wanted) {
        JsonNode stored = current == null || current.isMissingNode() || current.isNull() ? Json.object() : current;
        return !Json.parse(Json.write(stored)).equals(Json.parse(Json.write(wanted)));
    }

    /**
     * A merge patch that makes the stored status equal {@code wanted}: fields it no longer has are
     * set to null (which a merge patch removes), so a condition that cleared goes away.
     */
    public static ObjectNode replacing(JsonNode current, ObjectNode wanted) {
        ObjectNode status = wanted.deepCopy();
        if (current != null && current.isObject()) {
            current.fieldNames().forEachRemaining(field -> {
                if (!wanted.has(field)) {
                    status.putNull(field);
                }
            });
        }
        ObjectNode patch = Json.object();
        patch.set("status", status);
        return patch;
    }
}
