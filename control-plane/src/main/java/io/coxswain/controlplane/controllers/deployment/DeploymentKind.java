package io.coxswain.controlplane.controllers.deployment;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ControllerKind;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The controller of Deployments: it writes only ReplicaSets, and is woken by its ReplicaSets'
 * changes (their status follows their pods) and by its pods' (a Recreate waits for the old ones
 * to be gone), which reach it by its selector.
 */
public final class DeploymentKind implements ControllerKind {

    @Override
    public ResourceType type() {
        return ResourceTypes.DEPLOYMENT;
    }

    @Override
    public Set<ResourceType> dependantTypes() {
        return Set.of(ResourceTypes.REPLICA_SET, ResourceTypes.POD);
    }

    @Override
    public LabelSelector adoptionSelector(CachedObject object) {
        var selector = object.object().path("spec").path("selector");
        return selector.isObject() ? LabelSelector.fromJson(selector) : LabelSelector.nothing();
    }

    @Override
    public CompletionStage<List<ControllerAction>> plan(CacheReader reader, CachedObject object, RoundMemory memory,
                                                        Instant now) {
        Deployment deployment = ModelObjects.read(object.object(), Deployment.class);
        LabelSelector selector = adoptionSelector(object);
        var replicaSets = reader.list(ResourceTypes.REPLICA_SET, object.namespace()).toCompletableFuture();
        var pods = reader.list(ResourceTypes.POD, object.namespace()).toCompletableFuture();
        return replicaSets.thenCombine(pods, (rsObjects, podObjects) -> {
            List<ControllerAction> actions = new ArrayList<>(DeploymentPlanner.plan(deployment,
                    rsObjects.stream().map(rs -> ModelObjects.read(rs.object(), ReplicaSet.class)).toList(),
                    podObjects.stream().filter(pod -> selector.matches(pod.labels()))
                            .map(pod -> ModelObjects.read(pod.object(), Pod.class)).toList(),
                    now));
            DeploymentPlanner.nextProgressCheck(deployment).ifPresent(at -> {
                Duration left = Duration.between(now, at);
                actions.add(new ControllerAction.RequeueAfter(left.isNegative() ? Duration.ofMillis(100)
                        : left.plusMillis(100)));
            });
            return actions;
        });
    }
}
