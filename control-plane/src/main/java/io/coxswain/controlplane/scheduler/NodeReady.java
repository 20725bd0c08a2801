package io.coxswain.controlplane.scheduler;

import java.util.List;

/**
 * Keeps pods off nodes whose Ready condition is not True. Kubernetes does this through the taints
 * its node lifecycle controller puts on such nodes ({@code node.kubernetes.io/not-ready} for False,
 * {@code node.kubernetes.io/unreachable} for Unknown, effect NoSchedule); we derive the taint from
 * the condition, so a pod tolerating it still fits and the message reads exactly as Kubernetes'.
 */
public final class NodeReady implements FilterPlugin {

    public static final String NAME = "NodeReady";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        String key = switch (node.readiness()) {
            case READY -> null;
            case NOT_READY -> Taint.NOT_READY_KEY;
            case UNKNOWN -> Taint.UNREACHABLE_KEY;
        };
        if (key == null) {
            return List.of();
        }
        Taint implied = new Taint(key, "", Taint.NO_SCHEDULE);
        return pod.tolerates(implied) ? List.of() : List.of(TaintToleration.reason(implied));
    }
}
