package io.coxswain.controlplane.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What controllers ask of a pod's status, as Kubernetes' podutil does. */
public final class PodConditions {
    private PodConditions() {}

    /** Not finished (Succeeded or Failed) and not being deleted: it counts towards replicas. */
    public static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase)
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static boolean ready(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean available(Pod pod, int minReadySeconds, Instant now) {
        Optional<PodCondition> ready = readyCondition(pod).filter(c -> "True".equals(c.getStatus()));
        if (ready.isEmpty()) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = instant(ready.get().getLastTransitionTime());
        return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** When a ready pod that is not yet available becomes so; null when it is, or is not ready. */
    public static Duration untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        Optional<PodCondition> ready = readyCondition(pod).filter(c -> "True".equals(c.getStatus()));
        if (ready.isEmpty() || minReadySeconds <= 0) {
            return null;
        }
        Instant since = instant(ready.get().getLastTransitionTime());
        if (since == null) {
            return null;
        }
        Duration left = Duration.between(now, since.plusSeconds(minReadySeconds));
        return left.isNegative() || left.isZero() ? null : left;
    }

    static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
