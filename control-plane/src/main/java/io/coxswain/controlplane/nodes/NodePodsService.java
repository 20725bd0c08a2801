package io.coxswain.controlplane.nodes;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Answers node agents, from this master's watch cache, which pods are bound to their nodes: one
 * pass over the pods for every node the asking JVM hosts, whole objects only for the pods changed
 * since the agent last looked (see {@link NodePods}).
 */
public final class NodePodsService {
    /** Room for the changed pods in one answer: well under Artery's 256 KiB frame, with the keys beside. */
    static final int CHANGED_BYTES_BUDGET = 128 * 1024;

    private static final ObjectFilter ALL_PODS = new ObjectFilter(ResourceTypes.POD.entityTypeName(), "",
            LabelSelector.everything(), FieldSelector.everything());

    private NodePodsService() {}

    public static Behavior<NodePods.Request> create(ClusterGateway cluster) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(NodePods.SERVICE_KEY, context.getSelf()));
            return Behaviors.receiveMessage(request -> {
                if (request instanceof NodePods.ListBound list) {
                    cluster.list(ALL_PODS, list.sinceVersion(), 0, null).thenAccept(result -> list.replyTo().tell(
                            answer(list.nodeNames(), list.sinceVersion(), result.items(), result.resourceVersion(),
                                    CHANGED_BYTES_BUDGET)));
                }
                return Behaviors.same();
            });
        });
    }

    /**
     * The answer to an agent that has seen its pods up to {@code since}, from {@code pods} as of the cache's
     * {@code watermark}: every bound pod's key, and the pods changed after {@code since} in version order until
     * {@code budget} bytes of JSON (at least one, so an answer always moves on).
     */
    static NodePods.Bound answer(List<String> nodeNames, long since, List<CachedObject> pods, long watermark,
                                 int budget) {
        Map<String, List<String>> keys = new HashMap<>();
        nodeNames.forEach(name -> keys.put(name, new ArrayList<>()));
        List<CachedObject> changed = new ArrayList<>();
        for (CachedObject pod : pods) {
            List<String> bound = keys.get(pod.object().path("spec").path("nodeName").asText(""));
            if (bound != null) {
                bound.add(pod.key());
                if (pod.resourceVersion() > since) {
                    changed.add(pod);
                }
            }
        }
        changed.sort(Comparator.comparingLong(CachedObject::resourceVersion));
        List<String> json = new ArrayList<>();
        int bytes = 0;
        for (CachedObject pod : changed) {
            String text = Json.write(pod.object());
            if (!json.isEmpty() && bytes + text.length() > budget) {
                long asOf = changed.get(json.size() - 1).resourceVersion();
                return new NodePods.Bound(keys, json, asOf, false);
            }
            json.add(text);
            bytes += text.length();
        }
        return new NodePods.Bound(keys, json, Math.max(watermark, since), true);
    }
}
