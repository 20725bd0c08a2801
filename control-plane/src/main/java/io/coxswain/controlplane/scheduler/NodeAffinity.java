package io.coxswain.controlplane.scheduler;

import java.util.List;
import java.util.Map;

/**
 * The node must carry every {@code nodeSelector} label and match one of the required node
 * affinity terms, if the pod has any.
 */
public final class NodeAffinity implements FilterPlugin {

    public static final String NAME = "NodeAffinity";
    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        return matchesSelector(pod.nodeSelector(), node) && matchesRequiredTerms(pod, node)
                ? List.of()
                : List.of(REASON);
    }

    private static boolean matchesSelector(Map<String, String> nodeSelector, NodeInfo node) {
        return nodeSelector.entrySet().stream()
                .allMatch(wanted -> wanted.getValue().equals(node.labels().get(wanted.getKey())));
    }

    private static boolean matchesRequiredTerms(PodInfo pod, NodeInfo node) {
        return pod.requiredNodeAffinity().map(terms -> NodeSelectorTerm.anyMatches(terms, node)).orElse(true);
    }
}
