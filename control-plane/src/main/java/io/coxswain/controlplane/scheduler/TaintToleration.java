package io.coxswain.controlplane.scheduler;

import java.util.List;

/** Every NoSchedule and NoExecute taint of the node must be tolerated; the first that is not is named. */
public final class TaintToleration implements FilterPlugin {

    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        return node.taints().stream()
                .filter(Taint::forbidsScheduling)
                .filter(taint -> !pod.tolerates(taint))
                .findFirst()
                .map(taint -> List.of(reason(taint)))
                .orElse(List.of());
    }

    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}";
    }
}
