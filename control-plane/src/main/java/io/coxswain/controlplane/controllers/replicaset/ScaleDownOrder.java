package io.coxswain.controlplane.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;

/**
 * Which pods go first when there are too many — Kubernetes' ActivePods order: not yet on a node
 * before on one; Pending before Unknown before Running; not ready before ready; ready for a
 * shorter time before longer; more container restarts before fewer; newer before older. What is
 * cheapest to lose goes first.
 */
public final class ScaleDownOrder {
    private ScaleDownOrder() {}

    public static final Comparator<Pod> FIRST_TO_GO = Comparator
            .comparingInt(ScaleDownOrder::assigned)
            .thenComparingInt(ScaleDownOrder::phaseRank)
            .thenComparingInt(pod -> PodConditions.ready(pod) ? 1 : 0)
            .thenComparing(ScaleDownOrder::readySince, Comparator.reverseOrder())
            .thenComparing(ScaleDownOrder::restarts, Comparator.reverseOrder())
            .thenComparing(ScaleDownOrder::created, Comparator.reverseOrder());

    private static int assigned(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? 0 : 1;
    }

    private static int phaseRank(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Pending".equals(phase) || phase == null) {
            return 0;
        }
        return "Unknown".equals(phase) ? 1 : 2;
    }

    /** Later transition = ready for a shorter time; a pod never ready sorts as the most recent. */
    private static Instant readySince(Pod pod) {
        if (!PodConditions.ready(pod)) {
            return Instant.MAX;
        }
        return PodConditions.readyCondition(pod).map(c -> PodConditions.instant(c.getLastTransitionTime()))
                .orElse(Instant.MAX);
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(ScaleDownOrder::restartCount).max().orElse(0);
    }

    private static int restartCount(ContainerStatus status) {
        return status.getRestartCount() == null ? 0 : status.getRestartCount();
    }

    private static Instant created(Pod pod) {
        Instant created = PodConditions.instant(pod.getMetadata().getCreationTimestamp());
        return created == null ? Instant.MIN : created;
    }
}
