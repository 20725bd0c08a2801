package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ControllerKind;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The controller of DaemonSets: every node's change concerns every DaemonSet (a node that joins
 * gets a pod, one that leaves loses it), and its own pods' changes concern it. It adopts no
 * orphans.
 */
public final class DaemonSetKind implements ControllerKind {

    @Override
    public ResourceType type() {
        return ResourceTypes.DAEMON_SET;
    }

    @Override
    public Set<ResourceType> dependantTypes() {
        return Set.of(ResourceTypes.POD, ResourceTypes.NODE);
    }

    @Override
    public LabelSelector adoptionSelector(CachedObject object) {
        return LabelSelector.nothing();
    }

    @Override
    public CompletionStage<List<ControllerAction>> plan(CacheReader reader, CachedObject object, RoundMemory memory,
                                                        Instant now) {
        DaemonSet daemonSet = ModelObjects.read(object.object(), DaemonSet.class);
        String uid = daemonSet.getMetadata().getUid();
        var nodes = reader.list(ResourceTypes.NODE, "").toCompletableFuture();
        var pods = reader.list(ResourceTypes.POD, object.namespace()).toCompletableFuture();
        return nodes.thenCombine(pods, (nodeObjects, podObjects) -> DaemonSetPlanner.plan(daemonSet,
                nodeObjects.stream().map(node -> ModelObjects.read(node.object(), Node.class)).toList(),
                podObjects.stream().filter(pod -> controlledBy(pod, uid))
                        .map(pod -> ModelObjects.read(pod.object(), Pod.class)).toList(),
                now));
    }

    private static boolean controlledBy(CachedObject pod, String uid) {
        for (var reference : pod.object().path("metadata").path("ownerReferences")) {
            if (reference.path("controller").asBoolean(false)) {
                return uid.equals(reference.path("uid").asText());
            }
        }
        return false;
    }
}
