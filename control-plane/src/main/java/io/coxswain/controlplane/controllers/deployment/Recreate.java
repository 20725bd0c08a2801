package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code rolloutRecreate}: every old ReplicaSet goes to 0, then nothing happens until
 * no old pod runs any more (so old and new versions never run side by side), then the new
 * ReplicaSet is created or scaled to all replicas at once.
 */
final class Recreate {

    private static final String SUCCEEDED = "Succeeded";
    private static final String FAILED = "Failed";

    private Recreate() {}

    /** @return false when the round stopped early (a hash collision) and only the status is to be written */
    static boolean rollout(Rollout r) {
        boolean scaledDown = false;
        for (ReplicaSet old : Rollout.active(r.oldRSs)) {
            scaledDown |= r.scaleAndRecordEvent(old, 0);
        }
        if (scaledDown || oldPodsRunning(r)) {
            return true;
        }
        if (r.newRS == null && !NewReplicaSet.create(r)) {
            return false;
        }
        r.scaleAndRecordEvent(r.newRS, r.spec.replicas());
        if (DeploymentStatusCalculator.complete(r.deployment, r.spec, r.deployment.getStatus())) {
            HistoryCleanup.cleanup(r);
        }
        return true;
    }

    /**
     * Whether an old ReplicaSet still reports pods, or an old pod is not finished: a pod in any
     * phase but Succeeded/Failed may still run (Unknown included: its node may just be unreachable).
     */
    static boolean oldPodsRunning(Rollout r) {
        if (ReplicaSets.sumStatus(r.oldRSs) > 0) {
            return true;
        }
        String newUid = r.newRS == null ? null : r.newRS.getMetadata().getUid();
        for (Map.Entry<String, List<Pod>> entry : r.podsByReplicaSetUid.entrySet()) {
            if (newUid != null && newUid.equals(entry.getKey())) {
                continue;
            }
            for (Pod pod : entry.getValue()) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (!SUCCEEDED.equals(phase) && !FAILED.equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
