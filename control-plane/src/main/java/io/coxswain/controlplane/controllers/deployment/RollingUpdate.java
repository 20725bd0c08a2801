package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code rolloutRolling}: one step per round, either up or down. The new ReplicaSet
 * grows while the total stays within replicas + maxSurge; old ones shrink while the available pods
 * stay at least replicas - maxUnavailable. Availability comes from the ReplicaSets'
 * {@code status.availableReplicas} (which honours minReadySeconds), so each step waits for the
 * previous one to show up in status.
 */
final class RollingUpdate {

    private RollingUpdate() {}

    /** @return false when the round stopped early (a hash collision) and only the status is to be written */
    static boolean rollout(Rollout r) {
        if (r.newRS == null && !NewReplicaSet.create(r)) {
            return false;
        }
        if (reconcileNewReplicaSet(r)) {
            return true;
        }
        if (reconcileOldReplicaSets(r)) {
            return true;
        }
        if (DeploymentStatusCalculator.complete(r.deployment, r.spec, r.deployment.getStatus())) {
            HistoryCleanup.cleanup(r);
        }
        return true;
    }

    private static boolean reconcileNewReplicaSet(Rollout r) {
        int current = ReplicaSets.specReplicas(r.newRS);
        if (current == r.spec.replicas()) {
            return false;
        }
        if (current > r.spec.replicas()) {
            return r.scaleAndRecordEvent(r.newRS, r.spec.replicas());
        }
        return r.scaleAndRecordEvent(r.newRS, NewReplicaSet.newReplicas(r, r.all(), r.newRS));
    }

    /**
     * Kubernetes' {@code reconcileOldReplicaSets}: how far the old ReplicaSets may shrink counts the
     * new ReplicaSet's not-yet-available pods as already missing, so a new ReplicaSet that cannot
     * start its pods does not let the old ones drain away.
     */
    private static boolean reconcileOldReplicaSets(Rollout r) {
        List<ReplicaSet> oldActive = new ArrayList<>(Rollout.active(r.oldRSs));
        if (ReplicaSets.sumSpec(oldActive) == 0) {
            return false;
        }
        int allPods = ReplicaSets.sumSpec(r.all());
        int minAvailable = r.spec.replicas() - r.spec.maxUnavailableCount();
        int newUnavailable = ReplicaSets.specReplicas(r.newRS) - ReplicaSets.availableReplicas(r.newRS);
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        oldActive.sort(ReplicaSets.OLDEST_FIRST);
        int cleanedUp = cleanupUnhealthyReplicas(r, oldActive, maxScaledDown);
        int scaledDown = scaleDownOldReplicaSets(r, oldActive);
        return cleanedUp + scaledDown > 0;
    }

    /**
     * Removes the old ReplicaSets' unavailable pods first (oldest ReplicaSet first): they serve
     * nobody, so removing them costs no availability, and left alone they would block the rollout
     * (Kubernetes issue 16737).
     */
    private static int cleanupUnhealthyReplicas(Rollout r, List<ReplicaSet> oldRSs, int maxCleanup) {
        int total = 0;
        for (ReplicaSet rs : oldRSs) {
            if (total >= maxCleanup) {
                break;
            }
            int replicas = ReplicaSets.specReplicas(rs);
            int unhealthy = replicas - ReplicaSets.availableReplicas(rs);
            if (replicas == 0 || unhealthy <= 0) {
                continue;
            }
            int count = Math.min(maxCleanup - total, unhealthy);
            r.scaleAndRecordEvent(rs, replicas - count);
            total += count;
        }
        return total;
    }

    /**
     * Kubernetes' {@code scaleDownOldReplicaSetsForRollingUpdate}: available pods above the minimum go,
     * oldest first. Availability is counted over the active old ReplicaSets and the new one only, as
     * there: an old ReplicaSet already scaled to 0 may still report pods that are about to go.
     */
    private static int scaleDownOldReplicaSets(Rollout r, List<ReplicaSet> oldRSs) {
        int minAvailable = r.spec.replicas() - r.spec.maxUnavailableCount();
        int available = ReplicaSets.sumAvailable(oldRSs) + ReplicaSets.availableReplicas(r.newRS);
        if (available <= minAvailable) {
            return 0;
        }
        int toScaleDown = available - minAvailable;
        int total = 0;
        for (ReplicaSet rs : oldRSs) {
            if (total >= toScaleDown) {
                break;
            }
            int replicas = ReplicaSets.specReplicas(rs);
            if (replicas == 0) {
                continue;
            }
            int count = Math.min(replicas, toScaleDown - total);
            r.scaleAndRecordEvent(rs, replicas - count);
            total += count;
        }
        return total;
    }
}
