package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;

/**
 * A client's write to one object, as it travels from the API server to the object's entity.
 * The body stays JSON text: the entity is where it is applied, so a patch is always applied
 * to the latest state.
 *
 * @param verb            what to do
 * @param subresource     "" for the object itself, or "status" / "scale"
 * @param body            the object, the patch or the DeleteOptions, as JSON ("" when absent)
 * @param patchType       for PATCH: "json", "merge", "strategic" or "apply"
 * @param fieldManager    who writes, for server-side apply
 * @param force           server-side apply's force flag
 * @param dryRun          validate and answer without persisting
 * @param fieldValidation what to do with fields the kind's schema does not declare: "Strict"
 *                        refuses the write, "Warn" (the default) drops them with a warning,
 *                        "Ignore" drops them silently
 */
public record WriteRequest(Verb verb, String subresource, String body, String patchType, String fieldManager,
                           boolean force, boolean dryRun, String fieldValidation) implements CborSerializable {

    public enum Verb { CREATE, REPLACE, PATCH, DELETE }

    public static WriteRequest create(String body, boolean dryRun) {
        return new WriteRequest(Verb.CREATE, "", body, "", "", false, dryRun, "Warn");
    }

    public static WriteRequest replace(String subresource, String body, boolean dryRun) {
        return new WriteRequest(Verb.REPLACE, subresource, body, "", "", false, dryRun, "Warn");
    }

    public static WriteRequest patch(String subresource, String patchType, String body, String fieldManager,
                                     boolean force, boolean dryRun) {
        return new WriteRequest(Verb.PATCH, subresource, body, patchType, fieldManager, force, dryRun, "Warn");
    }

    public static WriteRequest delete(String options, boolean dryRun) {
        return new WriteRequest(Verb.DELETE, "", options, "", "", false, dryRun, "Ignore");
    }

    /** The same request with the client's {@code fieldValidation} ("" keeps the default). */
    public WriteRequest withFieldValidation(String mode) {
        if (mode == null || mode.isEmpty()) {
            return this;
        }
        return new WriteRequest(verb, subresource, body, patchType, fieldManager, force, dryRun, mode);
    }
}
