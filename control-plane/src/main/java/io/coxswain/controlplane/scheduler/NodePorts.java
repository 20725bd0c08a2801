package io.coxswain.controlplane.scheduler;

import java.util.List;

/** None of the pod's host ports may already be bound on the node for the same protocol and address. */
public final class NodePorts implements FilterPlugin {

    public static final String NAME = "NodePorts";
    static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        boolean conflict = pod.hostPorts().stream()
                .anyMatch(wanted -> node.usedPorts().stream().anyMatch(wanted::conflictsWith));
        return conflict ? List.of(REASON) : List.of();
    }
}
