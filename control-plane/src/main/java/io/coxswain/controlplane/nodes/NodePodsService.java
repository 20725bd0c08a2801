package io.coxswain.controlplane.nodes;

import io.coxswain.controlplane.api.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Answers node agents, from this master's watch cache, which pods are bound to their node. */
public final class NodePodsService {
    private NodePodsService() {}

    public static Behavior<NodePods.Request> create(ClusterGateway cluster) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(NodePods.SERVICE_KEY, context.getSelf()));
            return Behaviors.receiveMessage(request -> {
                if (request instanceof NodePods.ListBound list) {
                    ObjectFilter filter = new ObjectFilter(ResourceTypes.POD.entityTypeName(), "",
                            LabelSelector.everything(), FieldSelector.parse("spec.nodeName=" + list.nodeName()));
                    cluster.list(filter, 0, 0, null).thenAccept(result -> list.replyTo().tell(new NodePods.Bound(
                            result.items().stream().map(CachedObject::object).map(Json::write).toList(),
                            result.resourceVersion())));
                }
                return Behaviors.same();
            });
        });
    }
}
