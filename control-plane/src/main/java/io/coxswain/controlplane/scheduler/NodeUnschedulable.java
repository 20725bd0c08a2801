package io.coxswain.controlplane.scheduler;

import java.util.List;

/** A cordoned node ({@code spec.unschedulable}) takes only pods tolerating its unschedulable taint. */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    static final String REASON = "node(s) were unschedulable";
    private static final Taint CORDONED = new Taint(Taint.UNSCHEDULABLE_KEY, "", Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        return node.unschedulable() && !pod.tolerates(CORDONED) ? List.of(REASON) : List.of();
    }
}
