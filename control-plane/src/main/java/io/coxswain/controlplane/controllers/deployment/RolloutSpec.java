package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * The parts of a Deployment's spec the controller acts on, with Kubernetes' apps/v1 defaults filled
 * in where the stored object left a field empty (Kubernetes' API server always defaults them, so the
 * controller there never sees them empty; here we cannot rely on it).
 *
 * @param progressDeadlineSeconds {@link Integer#MAX_VALUE} means "no deadline", as in Kubernetes
 * @param revisionHistoryLimit    {@link Integer#MAX_VALUE} means "keep every old ReplicaSet"
 */
record RolloutSpec(
        int replicas,
        boolean recreate,
        IntOrString maxSurge,
        IntOrString maxUnavailable,
        int minReadySeconds,
        int revisionHistoryLimit,
        int progressDeadlineSeconds,
        boolean paused) {

    static final String RECREATE = "Recreate";
    static final int DEFAULT_REPLICAS = 1;
    static final IntOrString DEFAULT_MAX_SURGE = new IntOrString("25%");
    static final IntOrString DEFAULT_MAX_UNAVAILABLE = new IntOrString("25%");
    static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    static RolloutSpec of(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec();
        DeploymentStrategy strategy = spec.getStrategy();
        boolean recreate = strategy != null && RECREATE.equals(strategy.getType());
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        return new RolloutSpec(
                orDefault(spec.getReplicas(), DEFAULT_REPLICAS),
                recreate,
                rolling == null || rolling.getMaxSurge() == null ? DEFAULT_MAX_SURGE : rolling.getMaxSurge(),
                rolling == null || rolling.getMaxUnavailable() == null ? DEFAULT_MAX_UNAVAILABLE : rolling.getMaxUnavailable(),
                orDefault(spec.getMinReadySeconds(), 0),
                orDefault(spec.getRevisionHistoryLimit(), DEFAULT_REVISION_HISTORY_LIMIT),
                orDefault(spec.getProgressDeadlineSeconds(), DEFAULT_PROGRESS_DEADLINE_SECONDS),
                Boolean.TRUE.equals(spec.getPaused()));
    }

    boolean rollingUpdate() {
        return !recreate;
    }

    /** Kubernetes' {@code MaxSurge}: 0 for Recreate. */
    int maxSurgeCount() {
        return rollingUpdate() ? fenceposts()[0] : 0;
    }

    /** Kubernetes' {@code MaxUnavailable}: 0 for Recreate or no replicas, never more than the replicas. */
    int maxUnavailableCount() {
        if (!rollingUpdate() || replicas == 0) {
            return 0;
        }
        return Math.min(fenceposts()[1], replicas);
    }

    /** The most replicas a rolling update may run at once: the annotation {@code max-replicas}. */
    int maxReplicas() {
        return replicas + maxSurgeCount();
    }

    boolean hasProgressDeadline() {
        return progressDeadlineSeconds != Integer.MAX_VALUE;
    }

    boolean hasRevisionHistoryLimit() {
        return revisionHistoryLimit != Integer.MAX_VALUE;
    }

    /**
     * Kubernetes' {@code ResolveFenceposts}: if both resolve to 0 (e.g. 25% of 1 rounded down with a
     * surge of 0) unavailability becomes 1, else the rollout could never make room for a new pod.
     */
    private int[] fenceposts() {
        int surge = IntOrPercent.resolve(maxSurge, replicas, true);
        int unavailable = IntOrPercent.resolve(maxUnavailable, replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
