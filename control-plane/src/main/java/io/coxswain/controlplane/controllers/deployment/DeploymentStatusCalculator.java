package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code calculateStatus}: the counters {@code kubectl rollout status} waits on, summed
 * over the ReplicaSets' status, and the Available condition (at least replicas - maxUnavailable
 * pods available).
 */
final class DeploymentStatusCalculator {

    private DeploymentStatusCalculator() {}

    static DeploymentStatus calculate(Rollout r) {
        List<ReplicaSet> all = r.all();
        int available = ReplicaSets.sumAvailable(all);
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(r.deployment.getMetadata().getGeneration());
        status.setReplicas(ReplicaSets.sumStatus(all));
        status.setUpdatedReplicas(r.newRS == null ? 0 : ReplicaSets.statusReplicas(r.newRS));
        status.setReadyReplicas(ReplicaSets.sumReady(all));
        status.setAvailableReplicas(available);
        // Against the pods asked for, not those that exist: pods not yet created are unavailable too.
        status.setUnavailableReplicas(Math.max(0, ReplicaSets.sumSpec(all) - available));
        status.setCollisionCount(r.status.getCollisionCount());
        List<DeploymentCondition> conditions = new ArrayList<>();
        if (r.status.getConditions() != null) {
            r.status.getConditions().forEach(c -> conditions.add(DeploymentConditions.copy(c)));
        }
        status.setConditions(conditions);
        if (available >= r.spec.replicas() - r.spec.maxUnavailableCount()) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE,
                    DeploymentConditions.TRUE, DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE,
                    "Deployment has minimum availability.", r.now));
        } else {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE,
                    DeploymentConditions.FALSE, DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE,
                    "Deployment does not have minimum availability.", r.now));
        }
        return status;
    }

    /** Kubernetes' {@code DeploymentComplete}: what {@code kubectl rollout status} reports as done. */
    static boolean complete(Deployment deployment, RolloutSpec spec, DeploymentStatus status) {
        if (status == null) {
            return false;
        }
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        return orZero(status.getUpdatedReplicas()) == spec.replicas()
                && orZero(status.getReplicas()) == spec.replicas()
                && orZero(status.getAvailableReplicas()) == spec.replicas()
                && (status.getObservedGeneration() == null ? 0 : status.getObservedGeneration()) >= generation;
    }

    /**
     * Kubernetes' {@code getReplicaFailures}: a ReplicaSet that cannot create pods (quota, admission)
     * says so in a ReplicaFailure condition; the new ReplicaSet's failure wins over old ones'.
     */
    static DeploymentCondition replicaFailure(Rollout r) {
        List<ReplicaSet> candidates = new ArrayList<>();
        if (r.newRS != null) {
            candidates.add(r.newRS);
        }
        candidates.addAll(r.all());
        for (ReplicaSet rs : candidates) {
            if (rs.getStatus() == null || rs.getStatus().getConditions() == null) {
                continue;
            }
            for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
                if (DeploymentConditions.REPLICA_FAILURE.equals(c.getType())) {
                    DeploymentCondition failure = new DeploymentCondition();
                    failure.setType(c.getType());
                    failure.setStatus(c.getStatus());
                    failure.setReason(c.getReason());
                    failure.setMessage(c.getMessage());
                    failure.setLastUpdateTime(c.getLastTransitionTime());
                    failure.setLastTransitionTime(c.getLastTransitionTime());
                    return failure;
                }
            }
        }
        return null;
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
