package io.coxswain.controlplane.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.resource.ResourceType;

/**
 * What a controller's planner decided, for its actor to carry out through the entities like any
 * client's writes. Planners are pure (state in, actions out); they never write themselves.
 *
 * <p>The actor runs a plan's actions in order, except that consecutive {@link Create}s go in
 * slow-start batches (1, 2, 4, … as Kubernetes' {@code slowStartBatch}: a batch that fails ends
 * the creates of this round) and consecutive {@link Delete}s go in parallel. A write that fails is
 * made good by the next reconcile, which plans again from what the cache then shows.
 */
public sealed interface ControllerAction {

    /**
     * Create {@code object} (JSON, with {@code metadata.namespace} and either {@code metadata.name}
     * or {@code metadata.generateName}, and the {@code ownerReferences} of its controller).
     */
    record Create(ResourceType type, ObjectNode object) implements ControllerAction {}

    /**
     * A JSON merge patch ({@code application/merge-patch+json}) of an object, or of its
     * {@code status} subresource when {@code subresource} is "status" (else "").
     */
    record MergePatch(ResourceType type, String namespace, String name, String subresource, ObjectNode patch)
            implements ControllerAction {}

    /** Delete an object, only if it still has {@code uid} (a precondition, as Kubernetes' controllers use). */
    record Delete(ResourceType type, String namespace, String name, String uid) implements ControllerAction {}

    /** An event about the controller's own object ({@code type} "Normal" or "Warning"). */
    record RecordEvent(String type, String reason, String message) implements ControllerAction {}

    /**
     * Plan again after {@code delay} even if nothing changes: time alone will change the answer (a
     * pod becomes available after minReadySeconds, a progress deadline passes).
     */
    record RequeueAfter(java.time.Duration delay) implements ControllerAction {}
}
