package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code scale()}: what happens when {@code spec.replicas} changes (or the Deployment is
 * paused) while several ReplicaSets run. The one active ReplicaSet takes the new size; a saturated
 * new ReplicaSet means the old ones go to 0; otherwise, in a rolling update, the difference to the
 * allowed total (replicas + maxSurge) is spread over the active ReplicaSets in proportion to their
 * share of the total they were scaled for ({@code max-replicas}), so a rollout in flight keeps its
 * balance of old and new pods instead of putting all new pods in one ReplicaSet.
 */
final class ProportionalScaling {

    private ProportionalScaling() {}

    /** Kubernetes' {@code isScalingEvent}: an active ReplicaSet was last scaled for another replica count. */
    static boolean isScalingEvent(Rollout r) {
        for (ReplicaSet rs : Rollout.active(r.all())) {
            Integer desired = ReplicaSets.intAnnotation(rs, DeploymentAnnotations.DESIRED_REPLICAS);
            if (desired != null && desired != r.spec.replicas()) {
                return true;
            }
        }
        return false;
    }

    static void scale(Rollout r) {
        ReplicaSet activeOrLatest = activeOrLatest(r);
        if (activeOrLatest != null) {
            r.scaleAndRecordEvent(activeOrLatest, r.spec.replicas());
            return;
        }
        if (isSaturated(r, r.newRS)) {
            for (ReplicaSet old : Rollout.active(r.oldRSs)) {
                r.scaleAndRecordEvent(old, 0);
            }
            return;
        }
        if (r.spec.rollingUpdate()) {
            scaleProportionally(r);
        }
    }

    private static void scaleProportionally(Rollout r) {
        List<ReplicaSet> active = new ArrayList<>(Rollout.active(r.all()));
        int allowedSize = r.spec.replicas() > 0 ? r.spec.maxReplicas() : 0;
        int toAdd = allowedSize - ReplicaSets.sumSpec(active);
        // Equal sizes: newer ones grow first, older ones shrink first.
        if (toAdd > 0) {
            active.sort(ReplicaSets.LARGEST_NEWEST_FIRST);
        } else if (toAdd < 0) {
            active.sort(ReplicaSets.LARGEST_OLDEST_FIRST);
        }
        Map<ReplicaSet, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : active) {
            int proportion = toAdd == 0 ? 0 : proportion(r, rs, toAdd, added);
            sizes.put(rs, ReplicaSets.specReplicas(rs) + proportion);
            added += proportion;
        }
        for (int i = 0; i < active.size(); i++) {
            ReplicaSet rs = active.get(i);
            // Rounding leftovers go to the largest ReplicaSet.
            if (i == 0 && toAdd != 0) {
                sizes.put(rs, Math.max(0, sizes.get(rs) + toAdd - added));
            }
            r.scale(rs, sizes.get(rs));
        }
    }

    /** Kubernetes' {@code GetProportion}: never more than is left to add (or remove). */
    private static int proportion(Rollout r, ReplicaSet rs, int toAdd, int added) {
        if (ReplicaSets.specReplicas(rs) == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(r, rs);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** Kubernetes' {@code getReplicaSetFraction}: how much this ReplicaSet grows at the new total. */
    private static int fraction(Rollout r, ReplicaSet rs) {
        int size = ReplicaSets.specReplicas(rs);
        if (r.spec.replicas() == 0) {
            return -size;
        }
        Integer maxBefore = ReplicaSets.intAnnotation(rs, DeploymentAnnotations.MAX_REPLICAS);
        if (maxBefore == null || maxBefore == 0) {
            // No annotation (not scaled by this controller yet): use what runs now; the min/max in
            // proportion() keeps the result within bounds even when this estimate is off.
            maxBefore = r.deployment.getStatus() == null || r.deployment.getStatus().getReplicas() == null
                    ? 0 : r.deployment.getStatus().getReplicas();
        }
        if (maxBefore == 0) {
            return 0;
        }
        // As Kubernetes: the product first, then one division, so that exact halves round up.
        double newSize = (double) ((long) size * r.spec.maxReplicas()) / maxBefore;
        return (int) Math.round(newSize) - size;
    }

    /**
     * Kubernetes' {@code FindActiveOrLatest}: the only active ReplicaSet, or the newest one when none
     * is active; null when several are active.
     */
    private static ReplicaSet activeOrLatest(Rollout r) {
        if (r.newRS == null && r.oldRSs.isEmpty()) {
            return null;
        }
        List<ReplicaSet> active = Rollout.active(r.all());
        if (active.size() == 1) {
            return active.get(0);
        }
        if (!active.isEmpty()) {
            return null;
        }
        if (r.newRS != null) {
            return r.newRS;
        }
        return r.oldRSs.stream().max(ReplicaSets.OLDEST_FIRST).orElse(null);
    }

    /** Kubernetes' {@code IsSaturated}: the new ReplicaSet was scaled for, asks for and has all replicas available. */
    private static boolean isSaturated(Rollout r, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = ReplicaSets.intAnnotation(rs, DeploymentAnnotations.DESIRED_REPLICAS);
        return desired != null
                && ReplicaSets.specReplicas(rs) == r.spec.replicas()
                && desired == r.spec.replicas()
                && ReplicaSets.availableReplicas(rs) == r.spec.replicas();
    }
}
