package io.coxswain.controlplane.nodes;

import io.coxswain.controlplane.api.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Answers node agents, from this master's watch cache, which pods are bound to their nodes: one
 * pass over the pods for every node the asking JVM hosts.
 */
public final class NodePodsService {
    private static final ObjectFilter ALL_PODS = new ObjectFilter(ResourceTypes.POD.entityTypeName(), "",
            LabelSelector.everything(), FieldSelector.everything());

    private NodePodsService() {}

    public static Behavior<NodePods.Request> create(ClusterGateway cluster) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(NodePods.SERVICE_KEY, context.getSelf()));
            return Behaviors.receiveMessage(request -> {
                if (request instanceof NodePods.ListBound list) {
                    cluster.list(ALL_PODS, 0, 0, null).thenAccept(result -> list.replyTo().tell(new NodePods.Bound(
                            byNode(list.nodeNames(), result.items()), result.resourceVersion())));
                }
                return Behaviors.same();
            });
        });
    }

    /** The pods (as JSON) bound to each of {@code nodeNames}; every name gets an entry. */
    static Map<String, List<String>> byNode(List<String> nodeNames, List<CachedObject> pods) {
        Map<String, List<String>> byNode = new HashMap<>();
        nodeNames.forEach(name -> byNode.put(name, new ArrayList<>()));
        for (CachedObject pod : pods) {
            List<String> bound = byNode.get(pod.object().path("spec").path("nodeName").asText(""));
            if (bound != null) {
                bound.add(Json.write(pod.object()));
            }
        }
        return byNode;
    }
}
