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
    private Set<String> lastKeys = Set.of();
    private long since;
    private boolean news = true;

    /**
     * Whether the last answer told anything beyond this agent's own status writes coming back: a pod bound,
     * gone, or changed by someone else. An answer with no news needs no round of its own.
     */
    boolean hadNews() {
        return news;
    }

    private static long parseVersion(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the pod {@code namespace/name} was bound to one of these nodes in the last answer. */
    boolean isBound(String key) {
        return lastKeys.contains(key);
    }

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
        return apply(bound, Map.of());
    }

    /**
     * As {@link #apply(NodePods.Bound)}; {@code ownWrites} are the resource versions this agent's own status
     * writes got, by pod key, which {@link #hadNews()} does not count as news.
     */
    Map<String, List<ObjectNode>> apply(NodePods.Bound bound, Map<String, Long> ownWrites) {
        boolean changed = false;
        for (String json : bound.changedPods()) {
            ObjectNode pod = Json.parseObject(json);
            String key = Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
            byKey.put(key, pod);
            Long own = ownWrites.get(key);
            changed |= own == null || own != parseVersion(Json.text(pod, "metadata.resourceVersion"));
        }
        Set<String> named = new HashSet<>();
        bound.keysByNode().values().forEach(named::addAll);
        news = changed || !named.equals(lastKeys);
        lastKeys = named;
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
