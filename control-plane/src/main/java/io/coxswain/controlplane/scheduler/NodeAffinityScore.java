package io.coxswain.controlplane.scheduler;

/**
 * Prefers nodes matching the pod's preferred node affinity: the sum of the weights of the matching
 * {@code preferredDuringSchedulingIgnoredDuringExecution} terms, scaled so the best node gets 100.
 */
public final class NodeAffinityScore implements ScorePlugin {

    public static final String NAME = "NodeAffinityScore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        return pod.preferredNodeAffinity().stream()
                .filter(term -> term.preference().matches(node))
                .mapToLong(PreferredNodeTerm::weight)
                .sum();
    }

    @Override
    public long[] normalize(long[] weightSums) {
        return ScorePlugin.scaleToMax(weightSums, false);
    }
}
