package io.coxswain.controlplane.controllers;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What makes the controller of one kind (ReplicaSet, Deployment, …) different from the others:
 * which changes concern it and how it plans. Everything else — waking, waiting for its own writes,
 * carrying out the plan, surviving its master — is {@link ControllerEntity}'s, the same for all.
 */
public interface ControllerKind {

    /** The kind of object this controller acts for. */
    ResourceType type();

    /**
     * The kinds whose changes may concern a controller of this kind: the dependants it owns
     * (pods for a ReplicaSet), and for a cluster-scoped kind such as Node every change.
     */
    Set<ResourceType> dependantTypes();

    /**
     * The dependants without a controller that this object's controller would adopt (its
     * selector), so that an orphan's change wakes it; {@link LabelSelector#nothing()} when none.
     */
    LabelSelector adoptionSelector(CachedObject object);

    /**
     * The namespace whose dependants {@link #adoptionSelector} is matched in: the object's own
     * (a Namespace's controller overrides it with the namespace it is).
     */
    default String dependantsNamespace(CachedObject object) {
        return object.namespace();
    }

    /**
     * One round: read what is needed from {@code reader} (the master's cache, at least as new as
     * the controller's own last write) and decide what to do about {@code object}.
     */
    CompletionStage<List<ControllerAction>> plan(CacheReader reader, CachedObject object, RoundMemory memory,
                                                 Instant now);

    /**
     * What a controller remembers from its previous round (not persisted: a new incarnation starts
     * afresh): the first create and the first delete that failed, or null.
     */
    record RoundMemory(String lastCreateFailure, String lastDeleteFailure) {
        public static final RoundMemory NONE = new RoundMemory(null, null);
    }

    /** The master's cache, as a planner may read it: every read includes the controller's own writes. */
    interface CacheReader {
        /** The objects of {@code type} in {@code namespace} ("" for cluster-scoped kinds or all namespaces). */
        CompletionStage<List<CachedObject>> list(ResourceType type, String namespace);
    }

    /** The model class instances planners read; fabric8's, converted from the cached JSON. */
    static <T> T model(CachedObject object, Class<T> modelClass) {
        return ModelObjects.read(object.object(), modelClass);
    }
}
