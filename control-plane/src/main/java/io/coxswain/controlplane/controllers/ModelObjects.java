package io.coxswain.controlplane.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;

/**
 * Between the JSON the cache holds and fabric8's model classes, which planners read: typed
 * {@code spec.strategy.rollingUpdate.maxSurge} reads better than JSON paths. Unknown fields are
 * kept by fabric8's additional properties, so nothing is lost on the way back.
 */
public final class ModelObjects {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelObjects() {}

    public static <T> T read(ObjectNode json, Class<T> modelClass) {
        try {
            return MAPPER.treeToValue(json, modelClass);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + modelClass.getSimpleName() + " does not read as one: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static ObjectNode toJson(Object model) {
        return MAPPER.valueToTree(model);
    }
}
