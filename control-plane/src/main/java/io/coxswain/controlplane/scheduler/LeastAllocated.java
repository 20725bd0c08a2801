package io.coxswain.controlplane.scheduler;

/**
 * Prefers the node with the most room left after placing the pod: the average over cpu and memory
 * of free/allocatable × 100 (Kubernetes' NodeResourcesFit score with the LeastAllocated strategy,
 * equal weights). Requests missing from a container count as kube-scheduler's defaults, so pods
 * without requests still spread.
 */
public final class LeastAllocated implements ScorePlugin {

    public static final String NAME = "LeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        Resources requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        long cpu = freeShare(requested.milliCpu(), node.allocatable().milliCpu());
        long memory = freeShare(requested.memory(), node.allocatable().memory());
        return (cpu + memory) / 2;
    }

    private static long freeShare(long requested, long allocatable) {
        if (allocatable <= 0 || requested > allocatable) {
            return 0;
        }
        long free = allocatable - requested;
        // Only absurd capacities (near Long.MAX_VALUE) overflow the exact integer form Kubernetes uses.
        return free <= Long.MAX_VALUE / MAX_SCORE
                ? free * MAX_SCORE / allocatable
                : (long) ((double) free / allocatable * MAX_SCORE);
    }
}
