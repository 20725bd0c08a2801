package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.status.ApiStatus;
import io.coxswain.protocol.status.Conditions;
import io.coxswain.protocol.validation.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * The {@code binding} subresource of a pod (POST pods/NAME/binding with a {@code Binding}): the
 * one way to set {@code spec.nodeName} after creation, used by the scheduler. A pod is bound at
 * most once, and binding marks it {@code PodScheduled=True}.
 */
final class PodBinding {
    private PodBinding() {}

    static WritePlan bind(ResourceType type, ObjectNode pod, ObjectNode binding, Instant now) {
        String name = Json.text(pod, "metadata.name");
        String node = Json.text(binding, "target.name");
        if (node.isEmpty()) {
            throw ApiStatus.invalid(type, name, List.of(new FieldError("target.name", FieldError.REQUIRED, "")))
                    .exception();
        }
        String current = Json.text(pod, "spec.nodeName");
        if (!current.isEmpty()) {
            throw ApiStatus.conflict(type, name, "pod " + name + " is already assigned to node \"" + current + "\"")
                    .exception();
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            throw ApiStatus.conflict(type, name, "pod " + name + " is being deleted, cannot be assigned to a host")
                    .exception();
        }
        ObjectNode bound = pod.deepCopy();
        Json.child(bound, "spec").put("nodeName", node);
        Conditions.set(Json.child(bound, "status"), "PodScheduled", "True", "", "", now);
        return new WritePlan.Store(bound, 201);
    }
}
