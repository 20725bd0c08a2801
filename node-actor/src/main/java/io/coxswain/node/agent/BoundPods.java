package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's copy of the pods bound to its nodes, kept current from the masters' incremental answers
 * ({@link NodePods.Bound}): changed pods replace what it had, pods no longer named are forgotten. Not
 * thread-safe: one round at a time.
 */
final class BoundPods {
    private final Map<String, ObjectNode> byKey = new HashMap<>();
    private long since;

    /** The version to ask from next. */
    long since() {
        return since;
    }

    /**
     * Takes in one answer and returns the pods of each node whose every pod is known. A node with a pod whose
     * object has not arrived yet (an answer cut short) is left out of this round: syncing it without that pod
     * would stop the pod's containers.
     */
    Map<String, List<ObjectNode>> apply(NodePods.Bound bound) {
        for (String json : bound.changedPods()) {
            ObjectNode pod = Json.parseObject(json);
            byKey.put(Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name"), pod);
        }
        Set<String> named = new HashSet<>();
        bound.keysByNode().values().forEach(named::addAll);
        byKey.keySet().retainAll(named);
        since = bound.asOfVersion();
        Map<String, List<ObjectNode>> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> node : bound.keysByNode().entrySet()) {
            List<ObjectNode> pods = new ArrayList<>();
            for (String key : node.getValue()) {
                ObjectNode pod = byKey.get(key);
                if (pod == null) {
                    pods = null;
                    break;
                }
                pods.add(pod);
            }
            if (pods != null) {
                byNode.put(node.getKey(), pods);
            }
        }
        return byNode;
    }
}
