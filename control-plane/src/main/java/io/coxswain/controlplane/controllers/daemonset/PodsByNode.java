package io.coxswain.controlplane.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DaemonSet's pods grouped by the node each is for (Kubernetes' {@code getNodesToDaemonPods}).
 * Pods already finished and being deleted are left out: nothing remains to do with them. A pod
 * being deleted that still runs stays, so that its node gets no second pod until it is gone.
 */
final class PodsByNode {

    private final Map<String, List<DaemonPod>> byNode;

    private PodsByNode(Map<String, List<DaemonPod>> byNode) {
        this.byNode = byNode;
    }

    static PodsByNode of(List<Pod> pods) {
        Map<String, List<DaemonPod>> byNode = new TreeMap<>();
        for (Pod pod : pods) {
            DaemonPod daemonPod = DaemonPod.of(pod);
            if (daemonPod.terminal() && daemonPod.terminating()) {
                continue;
            }
            daemonPod.targetNode().ifPresent(node ->
                    byNode.computeIfAbsent(node, name -> new ArrayList<>()).add(daemonPod));
        }
        byNode.values().forEach(list -> list.sort(DaemonPod.KEEP_FIRST));
        return new PodsByNode(byNode);
    }

    /** The node's pods, the one to keep first; empty when it has none. */
    List<DaemonPod> on(String nodeName) {
        return byNode.getOrDefault(nodeName, List.of());
    }

    /** The nodes that have pods, by name, including nodes that no longer exist. */
    Iterable<String> nodes() {
        return byNode.keySet();
    }
}
