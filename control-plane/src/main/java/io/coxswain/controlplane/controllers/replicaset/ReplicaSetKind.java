package io.coxswain.controlplane.controllers.replicaset;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ControllerKind;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The controller of ReplicaSets, or of ReplicationControllers: the same planner, two kinds. */
public final class ReplicaSetKind implements ControllerKind {
    private final ResourceType type;

    private ReplicaSetKind(ResourceType type) {
        this.type = type;
    }

    public static ReplicaSetKind replicaSets() {
        return new ReplicaSetKind(ResourceTypes.REPLICA_SET);
    }

    public static ReplicaSetKind replicationControllers() {
        return new ReplicaSetKind(ResourceTypes.REPLICATION_CONTROLLER);
    }

    @Override
    public ResourceType type() {
        return type;
    }

    @Override
    public Set<ResourceType> dependantTypes() {
        return Set.of(ResourceTypes.POD);
    }

    @Override
    public LabelSelector adoptionSelector(CachedObject object) {
        return ReplicaSetView.of(type, object.object()).selector();
    }

    @Override
    public CompletionStage<List<ControllerAction>> plan(CacheReader reader, CachedObject object, RoundMemory memory,
                                                        Instant now) {
        ReplicaSetView view = ReplicaSetView.of(type, object.object());
        return reader.list(ResourceTypes.POD, object.namespace()).thenApply(pods -> ReplicaSetPlanner.plan(view,
                pods.stream().filter(pod -> concerns(view, pod)).map(pod -> ModelObjects.read(pod.object(), Pod.class))
                        .toList(), memory.lastCreateFailure(), now));
    }

    /** Only pods it owns or might adopt are read as models: a namespace may hold many others. */
    private static boolean concerns(ReplicaSetView view, CachedObject pod) {
        return view.selector().matches(pod.labels())
                || pod.object().path("metadata").path("ownerReferences").toString().contains(view.uid());
    }
}
