package io.coxswain.controlplane.scheduler;

import java.util.List;

/** A pod that names its node ({@code spec.nodeName}) fits only there. */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        String requested = pod.requestedNodeName();
        return requested.isEmpty() || requested.equals(node.name()) ? List.of() : List.of(REASON);
    }
}
