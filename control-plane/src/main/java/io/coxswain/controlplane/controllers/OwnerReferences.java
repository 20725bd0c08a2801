package io.coxswain.controlplane.controllers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/** The controller references controllers put on what they own, and the patches that adopt and release. */
public final class OwnerReferences {
    private OwnerReferences() {}

    /** {@code controller: true, blockOwnerDeletion: true}, as Kubernetes' controllers set it. */
    public static ObjectNode controllerOf(ResourceType ownerType, String name, String uid) {
        ObjectNode reference = Json.object();
        reference.put("apiVersion", ownerType.apiVersion());
        reference.put("kind", ownerType.kind());
        reference.put("name", name);
        reference.put("uid", uid);
        reference.put("controller", true);
        reference.put("blockOwnerDeletion", true);
        return reference;
    }

    /** The uid of the controller reference, or null when nothing controls the object. */
    public static String controllerUid(List<OwnerReference> references) {
        if (references == null) {
            return null;
        }
        return references.stream().filter(r -> Boolean.TRUE.equals(r.getController())).map(OwnerReference::getUid)
                .findFirst().orElse(null);
    }

    /**
     * Adds the controller reference, keeping the others. The whole list goes in the patch (a merge
     * patch replaces lists), with the object's uid as a precondition against a namesake.
     */
    public static ObjectNode adoptPatch(HasMetadata object, ObjectNode controllerReference) {
        ArrayNode references = Json.MAPPER.createArrayNode();
        if (object.getMetadata().getOwnerReferences() != null) {
            object.getMetadata().getOwnerReferences().forEach(r -> references.add(ModelObjects.toJson(r)));
        }
        references.add(controllerReference);
        return metadataPatch(object, references);
    }

    /** Removes the reference to {@code ownerUid}, keeping the others. */
    public static ObjectNode releasePatch(HasMetadata object, String ownerUid) {
        ArrayNode references = Json.MAPPER.createArrayNode();
        object.getMetadata().getOwnerReferences().stream().filter(r -> !ownerUid.equals(r.getUid()))
                .forEach(r -> references.add(ModelObjects.toJson(r)));
        return metadataPatch(object, references);
    }

    private static ObjectNode metadataPatch(HasMetadata object, ArrayNode references) {
        ObjectNode patch = Json.object();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", object.getMetadata().getUid());
        metadata.set("ownerReferences", references);
        return patch;
    }
}
