package io.coxswain.controlplane.scheduler;

import io.coxswain.protocol.selector.LabelSelector;
import java.util.function.Predicate;

/**
 * Spreads the pods of one workload: the fewer of its siblings a node already runs, the higher it
 * scores (Kubernetes' former SelectorSpread, now the default constraints of PodTopologySpread).
 * Siblings are the pods in the same namespace with the same owner (the ReplicaSet, StatefulSet, …
 * by uid); for a pod without an owner, those carrying all of its labels.
 */
public final class SelectorSpread implements ScorePlugin {

    public static final String NAME = "SelectorSpread";

    @Override
    public String name() {
        return NAME;
    }

    /** The number of siblings on the node; {@link #normalize} turns fewer into better. */
    @Override
    public long score(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        Predicate<PodInfo> sibling = siblingOf(pod);
        return node.pods().stream()
                .filter(existing -> !existing.terminating())
                .filter(existing -> existing.namespace().equals(pod.namespace()))
                .filter(sibling)
                .count();
    }

    @Override
    public long[] normalize(long[] siblingCounts) {
        return ScorePlugin.scaleToMax(siblingCounts, true);
    }

    private static Predicate<PodInfo> siblingOf(PodInfo pod) {
        if (pod.owner().isPresent()) {
            String ownerUid = pod.owner().get().uid();
            return existing -> existing.owner().map(owner -> owner.uid().equals(ownerUid)).orElse(false);
        }
        if (pod.labels().isEmpty()) {
            return existing -> false;
        }
        LabelSelector sameLabels = LabelSelector.fromMatchLabels(pod.labels());
        return existing -> sameLabels.matches(existing.labels());
    }
}
