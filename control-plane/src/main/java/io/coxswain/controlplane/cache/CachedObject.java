package io.coxswain.controlplane.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object as the watch cache holds it: parsed once, never changed afterwards (readers on any
 * thread may share it), with what selectors look at most often precomputed.
 */
public record CachedObject(String entityType, String key, String namespace, String name, long resourceVersion,
                           Map<String, String> labels, ObjectNode object) {

    public static CachedObject of(String entityType, String key, ObjectNode object) {
        Map<String, String> labels = new TreeMap<>();
        object.path("metadata").path("labels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        long version;
        try {
            version = Long.parseLong(Json.text(object, "metadata.resourceVersion"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new CachedObject(entityType, key, Json.text(object, "metadata.namespace"),
                Json.text(object, "metadata.name"), version, Map.copyOf(labels), object);
    }
}
