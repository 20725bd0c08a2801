package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentStatusCalculator.orZero;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The Progressing condition (Kubernetes' {@code syncRolloutStatus} and {@code checkPausedConditions}).
 * Its {@code lastUpdateTime} moves only when the rollout makes progress, so "no progress for
 * progressDeadlineSeconds" is {@code now - lastUpdateTime > deadline}, which is how the
 * ProgressDeadlineExceeded that {@code kubectl rollout status} fails on is decided.
 */
final class ProgressCondition {

    /** Kubernetes requeues a second after the deadline so that the check surely sees it passed. */
    private static final long RECHECK_MARGIN_SECONDS = 1;

    private ProgressCondition() {}

    /**
     * Pausing and resuming set Progressing to Unknown, so the time spent paused never counts
     * against the deadline; a deadline already exceeded is not hidden by a pause.
     */
    static void checkPaused(Rollout r) {
        if (!r.spec.hasProgressDeadline()) {
            return;
        }
        DeploymentCondition current = DeploymentConditions.get(r.status, DeploymentConditions.PROGRESSING);
        if (current != null && DeploymentConditions.TIMED_OUT.equals(current.getReason())) {
            return;
        }
        boolean pausedRecorded = current != null && DeploymentConditions.PAUSED.equals(current.getReason());
        if (r.spec.paused() && !pausedRecorded) {
            DeploymentConditions.set(r.status, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                    DeploymentConditions.UNKNOWN, DeploymentConditions.PAUSED, "Deployment is paused", r.now));
        } else if (!r.spec.paused() && pausedRecorded) {
            DeploymentConditions.set(r.status, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                    DeploymentConditions.UNKNOWN, DeploymentConditions.RESUMED, "Deployment is resumed", r.now));
        }
    }

    /** Sets Progressing (and ReplicaFailure) on a freshly calculated status, as after a rollout step. */
    static void update(Rollout r, DeploymentStatus newStatus) {
        if (!r.spec.hasProgressDeadline()) {
            DeploymentConditions.remove(newStatus, DeploymentConditions.PROGRESSING);
        }
        DeploymentCondition current = DeploymentConditions.get(r.status, DeploymentConditions.PROGRESSING);
        boolean alreadyComplete = orZero(newStatus.getReplicas())
                == orZero(newStatus.getUpdatedReplicas())
                && current != null && DeploymentConditions.NEW_RS_AVAILABLE.equals(current.getReason());
        if (r.spec.hasProgressDeadline() && !alreadyComplete) {
            String subject = r.newRS != null
                    ? "ReplicaSet \"%s\"".formatted(r.newRS.getMetadata().getName())
                    : "Deployment \"%s\"".formatted(r.name());
            if (DeploymentStatusCalculator.complete(r.deployment, r.spec, newStatus)) {
                DeploymentConditions.set(newStatus, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                        DeploymentConditions.TRUE, DeploymentConditions.NEW_RS_AVAILABLE,
                        subject + " has successfully progressed.", r.now));
            } else if (progressed(r.deployment.getStatus(), newStatus)) {
                // Same reason, new lastUpdateTime: SetDeploymentCondition would keep the old one.
                DeploymentCondition condition = DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                        DeploymentConditions.TRUE, DeploymentConditions.RS_UPDATED, subject + " is progressing.", r.now);
                if (current != null) {
                    if (DeploymentConditions.TRUE.equals(current.getStatus())) {
                        condition.setLastTransitionTime(current.getLastTransitionTime());
                    }
                    DeploymentConditions.remove(newStatus, DeploymentConditions.PROGRESSING);
                }
                DeploymentConditions.set(newStatus, condition);
            } else if (timedOut(r.spec, newStatus, r.now)) {
                DeploymentConditions.set(newStatus, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                        DeploymentConditions.FALSE, DeploymentConditions.TIMED_OUT,
                        subject + " has timed out progressing.", r.now));
            }
        }
        DeploymentCondition failure = DeploymentStatusCalculator.replicaFailure(r);
        if (failure != null) {
            DeploymentConditions.set(newStatus, failure);
        } else {
            DeploymentConditions.remove(newStatus, DeploymentConditions.REPLICA_FAILURE);
        }
    }

    /**
     * When the actor should plan again to notice a deadline passing without any cache change:
     * Kubernetes' {@code requeueStuckDeployment}. Empty when no deadline applies (none set, no
     * Progressing condition, complete, already timed out, or paused).
     */
    static Optional<Instant> nextCheck(Deployment deployment) {
        RolloutSpec spec = RolloutSpec.of(deployment);
        DeploymentStatus status = deployment.getStatus();
        DeploymentCondition current = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (!spec.hasProgressDeadline() || current == null || spec.paused()
                || DeploymentStatusCalculator.complete(deployment, spec, status)
                || DeploymentConditions.TIMED_OUT.equals(current.getReason())
                || current.getLastUpdateTime() == null) {
            return Optional.empty();
        }
        return Optional.of(parse(current.getLastUpdateTime())
                .plusSeconds(spec.progressDeadlineSeconds() + RECHECK_MARGIN_SECONDS));
    }

    /** Kubernetes' {@code DeploymentProgressing}: more updated, ready or available pods, or fewer old ones. */
    private static boolean progressed(DeploymentStatus before, DeploymentStatus after) {
        DeploymentStatus old = before == null ? new DeploymentStatus() : before;
        int oldOld = orZero(old.getReplicas()) - orZero(old.getUpdatedReplicas());
        int newOld = orZero(after.getReplicas()) - orZero(after.getUpdatedReplicas());
        return orZero(after.getUpdatedReplicas()) > orZero(old.getUpdatedReplicas())
                || newOld < oldOld
                || orZero(after.getReadyReplicas()) > orZero(old.getReadyReplicas())
                || orZero(after.getAvailableReplicas()) > orZero(old.getAvailableReplicas());
    }

    /** Kubernetes' {@code DeploymentTimedOut}: no progress recorded for longer than the deadline. */
    private static boolean timedOut(RolloutSpec spec, DeploymentStatus status, Instant now) {
        DeploymentCondition condition = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (condition == null || DeploymentConditions.NEW_RS_AVAILABLE.equals(condition.getReason())) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(condition.getReason())) {
            return true;
        }
        if (condition.getLastUpdateTime() == null) {
            return false;
        }
        return parse(condition.getLastUpdateTime()).plusSeconds(spec.progressDeadlineSeconds()).isBefore(now);
    }

    private static Instant parse(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant();
    }
}
