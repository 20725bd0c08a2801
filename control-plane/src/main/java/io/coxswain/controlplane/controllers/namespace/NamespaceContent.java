package io.coxswain.controlplane.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;

/** One object found in a terminating namespace, as the namespace controller reads it. */
record NamespaceContent(ResourceType type, String name, String uid, boolean deleting, List<String> finalizers) {

    static NamespaceContent of(ResourceType type, JsonNode object) {
        List<String> finalizers = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        return new NamespaceContent(type, Json.text(object, "metadata.name"), Json.text(object, "metadata.uid"),
                object.path("metadata").has("deletionTimestamp"), List.copyOf(finalizers));
    }

    /** "pods." or "deployments.apps", as Kubernetes' namespace conditions name a resource. */
    String resourceName() {
        return type.plural() + "." + type.group();
    }
}
