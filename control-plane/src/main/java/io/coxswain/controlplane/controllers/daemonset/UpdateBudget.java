package io.coxswain.controlplane.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;

/**
 * How far a rolling update may go at once, in pods (Kubernetes' {@code util.SurgeCount},
 * {@code util.UnavailableCount} and {@code updatedDesiredNodeCounts}): percentages are of the
 * nodes that should run a daemon pod, rounded up. OnDelete updates nothing, so both are zero.
 */
record UpdateBudget(int maxSurge, int maxUnavailable) {

    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String ON_DELETE = "OnDelete";
    /** The API server's default for {@code rollingUpdate.maxUnavailable}. */
    private static final IntOrString DEFAULT_MAX_UNAVAILABLE = new IntOrString(1);

    static boolean isRollingUpdate(DaemonSet daemonSet) {
        DaemonSetUpdateStrategy strategy = daemonSet.getSpec().getUpdateStrategy();
        // The API server defaults the type to RollingUpdate; a missing strategy means the same.
        return strategy == null || strategy.getType() == null || ROLLING_UPDATE.equals(strategy.getType());
    }

    /** Kubernetes' {@code util.AllowsSurge}: surge is on when it is non-zero for a single node. */
    static boolean allowsSurge(DaemonSet daemonSet) {
        return surge(daemonSet, 1) != 0;
    }

    static UpdateBudget of(DaemonSet daemonSet, int desiredNumberScheduled) {
        int surge = surge(daemonSet, desiredNumberScheduled);
        int unavailable = unavailable(daemonSet, desiredNumberScheduled);
        // Zero for both would never let the update move; Kubernetes then accepts one unavailable pod.
        if (desiredNumberScheduled > 0 && surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new UpdateBudget(surge, unavailable);
    }

    private static int surge(DaemonSet daemonSet, int desired) {
        RollingUpdateDaemonSet rolling = rollingUpdate(daemonSet);
        return rolling == null || rolling.getMaxSurge() == null ? 0 : scaled(rolling.getMaxSurge(), desired);
    }

    private static int unavailable(DaemonSet daemonSet, int desired) {
        RollingUpdateDaemonSet rolling = rollingUpdate(daemonSet);
        if (!isRollingUpdate(daemonSet)) {
            return 0;
        }
        IntOrString maxUnavailable = rolling == null || rolling.getMaxUnavailable() == null
                ? DEFAULT_MAX_UNAVAILABLE : rolling.getMaxUnavailable();
        return scaled(maxUnavailable, desired);
    }

    private static RollingUpdateDaemonSet rollingUpdate(DaemonSet daemonSet) {
        return isRollingUpdate(daemonSet) && daemonSet.getSpec().getUpdateStrategy() != null
                ? daemonSet.getSpec().getUpdateStrategy().getRollingUpdate()
                : null;
    }

    /**
     * Kubernetes' {@code GetScaledValueFromIntOrPercent} rounding up. Validation refuses anything
     * else; should a malformed value get through, it counts as zero (the default of one unavailable
     * pod then applies) rather than stopping the controller.
     */
    static int scaled(IntOrString value, int total) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal() == null ? "" : value.getStrVal().trim();
        if (!text.endsWith("%")) {
            return 0;
        }
        try {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100);
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }
}
