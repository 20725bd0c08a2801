package io.coxswain.controlplane.scheduler;

import java.util.List;

/**
 * Prefers nodes with fewer PreferNoSchedule taints the pod does not tolerate (Kubernetes'
 * TaintToleration score). Only tolerations for that effect, or for every effect, count.
 */
public final class TaintTolerationScore implements ScorePlugin {

    public static final String NAME = "TaintTolerationScore";

    @Override
    public String name() {
        return NAME;
    }

    /** The number of intolerable PreferNoSchedule taints; {@link #normalize} turns fewer into better. */
    @Override
    public long score(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        List<Toleration> relevant = pod.tolerations().stream()
                .filter(toleration -> toleration.effect().isEmpty()
                        || toleration.effect().equals(Taint.PREFER_NO_SCHEDULE))
                .toList();
        return node.taints().stream()
                .filter(taint -> taint.effect().equals(Taint.PREFER_NO_SCHEDULE))
                .filter(taint -> !Toleration.anyTolerates(relevant, taint))
                .count();
    }

    @Override
    public long[] normalize(long[] intolerableCounts) {
        return ScorePlugin.scaleToMax(intolerableCounts, true);
    }
}
