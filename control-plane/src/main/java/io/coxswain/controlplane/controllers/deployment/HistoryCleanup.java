package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code cleanupDeployment}: keeps {@code revisionHistoryLimit} old ReplicaSets for
 * {@code rollout undo}, deleting the lowest revisions beyond it, but only those that are fully
 * scaled down and whose scale-down their controller has observed (no pods would be orphaned).
 */
final class HistoryCleanup {

    private HistoryCleanup() {}

    static void cleanup(Rollout r) {
        if (!r.spec.hasRevisionHistoryLimit()) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(r.oldRSs.stream().filter(rs -> !ReplicaSets.deleting(rs)).toList());
        int excess = cleanable.size() - r.spec.revisionHistoryLimit();
        if (excess <= 0) {
            return;
        }
        cleanable.sort(ReplicaSets.LOWEST_REVISION_FIRST);
        for (ReplicaSet rs : cleanable.subList(0, excess)) {
            boolean drained = ReplicaSets.statusReplicas(rs) == 0 && ReplicaSets.specReplicas(rs) == 0
                    && ReplicaSets.generation(rs) <= ReplicaSets.observedGeneration(rs);
            if (drained) {
                r.delete(rs);
            }
        }
    }
}
