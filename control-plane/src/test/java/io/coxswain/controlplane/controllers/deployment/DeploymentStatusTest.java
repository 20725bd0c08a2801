package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status counters (Kubernetes' {@code calculateStatus}) that {@code kubectl get deploy} prints
 * and {@code kubectl rollout status} waits on, written only when they change.
 */
class DeploymentStatusTest {

    private static final Deployment V1 = rolling(deployment(4), 1, 0);
    private static final Deployment V2 = annotated(withImage(V1, "v2"), DeploymentAnnotations.REVISION, "2");

    @Test
    void midRolloutCountsEveryPodOldAndNew() {
        ReplicaSet old = replicaSet(V1, "v1", 1, 3, NOW.minusSeconds(900));
        // Two new pods ready, one of them not yet for minReadySeconds: ready but not available.
        ReplicaSet updated = withStatus(replicaSet(V2, "v2", 2, 2, NOW.minusSeconds(60)), 2, 2, 1);

        DeploymentStatus status = status(plan(V2, old, updated));

        assertThat(status.getObservedGeneration()).isEqualTo(2);
        assertThat(status.getReplicas()).isEqualTo(5);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(5);
        assertThat(status.getAvailableReplicas()).isEqualTo(4);
        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
        assertThat(rolloutStatus(withStatus(V2, status)))
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 2 out of 4 new replicas have been updated...");
    }

    @Test
    void podsNotYetCreatedCountAsUnavailable() {
        DeploymentStatus status = status(plan(V1));

        assertThat(status.getObservedGeneration()).isEqualTo(1);
        assertThat(orZero(status.getReplicas())).isZero();
        assertThat(orZero(status.getUpdatedReplicas())).isZero();
        assertThat(orZero(status.getAvailableReplicas())).isZero();
        assertThat(status.getUnavailableReplicas()).isEqualTo(4);
    }

    @Test
    void oldPodsPendingTerminationAndUnavailableUpdatedPodsKeepRolloutStatusWaiting() {
        ReplicaSet draining = withStatus(scaledTo(replicaSet(V1, "v1", 1, 1, NOW.minusSeconds(900)), 0), 1, 1, 1);
        ReplicaSet full = replicaSet(V2, "v2", 2, 4, NOW.minusSeconds(60));
        assertThat(rolloutStatus(withStatus(V2, status(plan(V2, draining, full)))))
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...");

        ReplicaSet drained = withStatus(scaledTo(replicaSet(V1, "v1", 1, 1, NOW.minusSeconds(900)), 0), 0, 0, 0);
        ReplicaSet starting = withStatus(full, 4, 4, 3);
        assertThat(rolloutStatus(withStatus(V2, status(plan(V2, drained, starting)))))
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 3 of 4 updated replicas are available...");

        assertThat(rolloutStatus(withStatus(V2, status(plan(V2, drained, full)))))
                .isEqualTo("deployment \"web\" successfully rolled out");
    }

    @Test
    void aRecordedStatusIsNotWrittenAgain() {
        ReplicaSet rs = replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(900));
        Deployment recorded = annotated(withStatus(V1, status(plan(V1, rs))), DeploymentAnnotations.REVISION, "1");

        assertThat(plan(recorded, rs)).isEmpty();
    }

    @Test
    void zeroCountersAndAbsentOnesAreTheSameStatus() {
        Deployment none = annotated(rolling(deployment(0), 1, 0), DeploymentAnnotations.REVISION, "1");
        ReplicaSet empty = replicaSet(none, "v1", 1, 0, NOW.minusSeconds(900));
        DeploymentStatus written = status(plan(none, empty));
        written.setReplicas(null);
        written.setUpdatedReplicas(null);
        written.setReadyReplicas(null);
        written.setAvailableReplicas(null);
        written.setUnavailableReplicas(null);

        assertThat(plan(withStatus(none, written), empty)).isEmpty();
    }

    @Test
    void aNewGenerationIsAcknowledgedEvenWithNothingElseToDo() {
        ReplicaSet rs = replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(900));
        Deployment recorded = annotated(withStatus(V1, status(plan(V1, rs))), DeploymentAnnotations.REVISION, "1");
        Deployment relabelled = nextGeneration(recorded);

        List<ControllerAction> plan = plan(relabelled, rs);

        assertThat(writes(plan)).hasSize(1);
        assertThat(status(plan).getObservedGeneration()).isEqualTo(2);
        assertThat(rolloutStatus(recorded)).isEqualTo("deployment \"web\" successfully rolled out");
        assertThat(rolloutStatus(relabelled)).isEqualTo("Waiting for deployment spec update to be observed...");
    }

    @Test
    void aDeploymentBeingDeletedOnlyHasItsStatusUpdated() {
        ReplicaSet rs = replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(900));
        Deployment deleting = withImage(V1, "v2");
        deleting.getMetadata().setDeletionTimestamp(NOW.toString());

        List<ControllerAction> plan = plan(deleting, rs);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
        assertThat(status(plan).getUpdatedReplicas()).isZero();
        assertThat(status(plan).getReplicas()).isEqualTo(4);
    }

    /**
     * What {@code kubectl rollout status} prints for this Deployment (its {@code DeploymentStatusViewer},
     * without the trailing newline), reading exactly the fields it reads.
     */
    static String rolloutStatus(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        String name = deployment.getMetadata().getName();
        if (deployment.getMetadata().getGeneration() > orZero(status.getObservedGeneration())) {
            return "Waiting for deployment spec update to be observed...";
        }
        var progressing = DeploymentConditions.get(status, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.getReason())) {
            return "error: deployment \"%s\" exceeded its progress deadline".formatted(name);
        }
        int replicas = deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        if (updated < replicas) {
            return "Waiting for deployment \"%s\" rollout to finish: %d out of %d new replicas have been updated..."
                    .formatted(name, updated, replicas);
        }
        if (orZero(status.getReplicas()) > updated) {
            return "Waiting for deployment \"%s\" rollout to finish: %d old replicas are pending termination..."
                    .formatted(name, orZero(status.getReplicas()) - updated);
        }
        if (orZero(status.getAvailableReplicas()) < updated) {
            return "Waiting for deployment \"%s\" rollout to finish: %d of %d updated replicas are available..."
                    .formatted(name, orZero(status.getAvailableReplicas()), updated);
        }
        return "deployment \"%s\" successfully rolled out".formatted(name);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
