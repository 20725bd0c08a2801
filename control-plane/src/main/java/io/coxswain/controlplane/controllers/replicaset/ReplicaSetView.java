package io.coxswain.controlplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.LabelSelector;

/**
 * A ReplicaSet or a ReplicationController as their one planner reads them. They differ only in
 * the selector: a ReplicationController's is a map of equal labels (and defaults to the
 * template's labels), a ReplicaSet's a label selector with set-based expressions too.
 */
public record ReplicaSetView(ResourceType type, String namespace, String name, String uid, long generation,
                             int replicas, LabelSelector selector, ObjectNode template, int minReadySeconds,
                             boolean deleting, JsonNode status) {

    public static ReplicaSetView of(ResourceType type, ObjectNode object) {
        JsonNode spec = object.path("spec");
        JsonNode template = spec.path("template");
        LabelSelector selector;
        if (type == ResourceTypes.REPLICATION_CONTROLLER) {
            JsonNode map = spec.path("selector");
            selector = LabelSelector.fromMatchLabels(LabelSelector.labelsOf(
                    map.isObject() && map.size() > 0 ? wrapAsMetadata(map) : template));
        } else {
            selector = spec.path("selector").isObject() ? LabelSelector.fromJson(spec.path("selector"))
                    : LabelSelector.nothing();
        }
        JsonNode metadata = object.path("metadata");
        return new ReplicaSetView(type, metadata.path("namespace").asText(), metadata.path("name").asText(),
                metadata.path("uid").asText(), metadata.path("generation").asLong(1),
                spec.path("replicas").asInt(1), selector,
                template.isObject() ? (ObjectNode) template : Json.object(),
                spec.path("minReadySeconds").asInt(0), metadata.has("deletionTimestamp"), object.path("status"));
    }

    /** labelsOf reads metadata.labels: a bare map is put where it looks. */
    private static JsonNode wrapAsMetadata(JsonNode labels) {
        ObjectNode wrapper = Json.object();
        wrapper.putObject("metadata").set("labels", labels);
        return wrapper;
    }
}
