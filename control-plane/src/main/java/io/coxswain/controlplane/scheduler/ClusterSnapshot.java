package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of the cluster for one scheduling decision: every node (sorted by name, so
 * decisions are reproducible) and the pods bound to each.
 */
public final class ClusterSnapshot {

    /** A pod together with the node it is bound to. */
    public record BoundPod(PodInfo pod, NodeInfo node) {}

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> nodesByName;
    // Derived on first use; racing threads compute the same immutable list, so no lock is needed.
    private List<BoundPod> boundPods;
    private List<BoundPod> podsWithRequiredAntiAffinity;

    private ClusterSnapshot(List<NodeInfo> infos) {
        this.nodes = infos.stream().sorted(Comparator.comparing(NodeInfo::name)).toList();
        Map<String, NodeInfo> byName = new LinkedHashMap<>();
        nodes.forEach(info -> byName.put(info.name(), info));
        this.nodesByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Builds a snapshot from Node and Pod objects. Pods count against the node named in their
     * {@code spec.nodeName}; pending pods, pods of unknown nodes, and finished pods (phase Succeeded
     * or Failed, which hold no resources any more) are left out, as kube-scheduler's cache does.
     */
    public static ClusterSnapshot of(List<ObjectNode> nodes, List<ObjectNode> pods) {
        Map<String, List<PodInfo>> podsByNode = new HashMap<>();
        for (ObjectNode pod : pods) {
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if (!nodeName.isEmpty() && !finished(pod)) {
                podsByNode.computeIfAbsent(nodeName, name -> new ArrayList<>()).add(PodInfo.of(pod));
            }
        }
        List<NodeInfo> infos = new ArrayList<>();
        for (ObjectNode node : nodes) {
            String name = node.path("metadata").path("name").asText("");
            infos.add(NodeInfo.of(node, podsByNode.getOrDefault(name, List.of())));
        }
        return new ClusterSnapshot(infos);
    }

    public static ClusterSnapshot empty() {
        return new ClusterSnapshot(List.of());
    }

    /** Every node, sorted by name. */
    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** Every bound pod with its node. */
    public List<BoundPod> boundPods() {
        if (boundPods == null) {
            List<BoundPod> all = new ArrayList<>();
            nodes.forEach(node -> node.pods().forEach(pod -> all.add(new BoundPod(pod, node))));
            boundPods = List.copyOf(all);
        }
        return boundPods;
    }

    /** The bound pods that keep other pods away with required anti-affinity: few, and checked for every node. */
    public List<BoundPod> podsWithRequiredAntiAffinity() {
        if (podsWithRequiredAntiAffinity == null) {
            podsWithRequiredAntiAffinity = boundPods().stream()
                    .filter(bound -> !bound.pod().requiredPodAntiAffinity().isEmpty())
                    .toList();
        }
        return podsWithRequiredAntiAffinity;
    }

    public Optional<NodeInfo> node(String name) {
        return Optional.ofNullable(nodesByName.get(name));
    }

    /**
     * The snapshot after binding {@code pod} to {@code nodeName}, so the next decision already
     * counts it (kube-scheduler's "assume"), before the binding has been written and observed.
     */
    public ClusterSnapshot assume(PodInfo pod, String nodeName) {
        NodeInfo node = nodesByName.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no node named " + nodeName + " in the snapshot");
        }
        List<NodeInfo> infos = new ArrayList<>(nodes);
        infos.replaceAll(info -> info == node ? node.withPod(pod) : info);
        return new ClusterSnapshot(infos);
    }

    private static boolean finished(ObjectNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }
}
