package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.selector.LabelSelector;

/** The autoscaling/v1 {@code Scale} view of a scalable object (its {@code scale} subresource). */
public final class Scales {
    private Scales() {}

    public static ObjectNode toScale(ResourceType type, ObjectNode object) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = object.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                metadata.set(field, source.get(field).deepCopy());
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        status.put("selector", selectorString(type, object.path("spec").path("selector")));
        return scale;
    }

    private static String selectorString(ResourceType type, JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return "";
        }
        if ("ReplicationController".equals(type.kind())) {
            // A ReplicationController's selector is a plain label map.
            ObjectNode asLabelSelector = Json.object();
            asLabelSelector.set("matchLabels", selector.deepCopy());
            return LabelSelector.fromJson(asLabelSelector).toString();
        }
        return LabelSelector.fromJson(selector).toString();
    }
}
