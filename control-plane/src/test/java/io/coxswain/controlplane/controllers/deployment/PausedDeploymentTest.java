package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kubectl rollout pause}: no rollout step while paused, but scaling still applies. */
class PausedDeploymentTest {

    private static final Deployment V1 = rolling(deployment(4), 1, 0);
    private static final ReplicaSet OLD = replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(600));

    @Test
    void aNewTemplateWhilePausedCreatesAndScalesNothing() {
        Deployment pausedV2 = paused(withImage(V1, "v2"), true);

        List<ControllerAction> plan = plan(pausedV2, OLD);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
        DeploymentCondition progressing = condition(status(plan), "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("Unknown");
        assertThat(progressing.getReason()).isEqualTo("DeploymentPaused");
        assertThat(progressing.getMessage()).isEqualTo("Deployment is paused");
    }

    @Test
    void scalingStillAppliesWhilePaused() {
        Deployment pausedV2 = withReplicas(paused(withImage(V1, "v2"), true), 6);

        List<ControllerAction> plan = plan(pausedV2, OLD);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEqualTo(Map.of("web-v1", 6));
    }

    @Test
    void scalingAPausedRolloutIsProportional() {
        Deployment v2 = withImage(V1, "v2");
        ReplicaSet old = replicaSet(V1, "v1", 1, 3, NOW.minusSeconds(600));
        ReplicaSet updated = replicaSet(v2, "v2", 2, 2, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(withReplicas(paused(v2, true), 9), old, updated);

        // Both were scaled for 4 + 1 surge = 5; at 9 + 1 = 10 each doubles.
        assertThat(scaled(plan)).isEqualTo(Map.of("web-v1", 6, "web-v2", 4));
    }

    @Test
    void aPausedRolloutStaysWhereItIsWithoutScaling() {
        Deployment v2 = withImage(V1, "v2");
        ReplicaSet old = replicaSet(V1, "v1", 1, 3, NOW.minusSeconds(600));
        ReplicaSet updated = replicaSet(v2, "v2", 2, 2, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(paused(v2, true), old, updated);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
    }

    @Test
    void resumingRecordsItAndTheRolloutProceeds() {
        Deployment pausedV2 = paused(withImage(V1, "v2"), true);
        Deployment wasPaused = withStatus(pausedV2, status(pausedV2.getMetadata().getGeneration(), 4, 0, 4, 4,
                condition("Progressing", "Unknown", "DeploymentPaused", NOW.minusSeconds(3600),
                        NOW.minusSeconds(3600))));

        List<ControllerAction> plan = plan(paused(wasPaused, false), OLD);

        assertThat(created(plan)).singleElement().extracting(rs -> rs.getSpec().getReplicas()).isEqualTo(1);
        DeploymentCondition progressing = condition(status(plan), "Progressing");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetCreated");
        assertThat(progressing.getStatus()).isEqualTo("True");
        // The time spent paused does not count against the progress deadline.
        assertThat(progressing.getLastUpdateTime()).isEqualTo(DeploymentConditions.timestamp(NOW));
    }

    @Test
    void resumingWithNothingToRollOutSaysResumedThenAvailable() {
        Deployment pausedV1 = paused(V1, true);
        Deployment wasPaused = withStatus(pausedV1, status(pausedV1.getMetadata().getGeneration(), 4, 4, 4, 4,
                condition("Progressing", "Unknown", "DeploymentPaused", NOW.minusSeconds(3600),
                        NOW.minusSeconds(3600))));

        Deployment resumed = paused(wasPaused, false);
        List<ControllerAction> plan = plan(resumed, OLD);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
        // Resumed (Unknown) first, then, the rollout being complete, NewReplicaSetAvailable in the same round.
        DeploymentCondition progressing = condition(status(plan), "Progressing");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(progressing.getStatus()).isEqualTo("True");
    }

    @Test
    void aDeadlineAlreadyExceededIsNotHiddenByPausing() {
        Deployment pausedV2 = paused(withImage(V1, "v2"), true);
        Deployment timedOut = withStatus(pausedV2, status(1, 4, 0, 4, 4,
                condition("Progressing", "False", "ProgressDeadlineExceeded", NOW.minusSeconds(60),
                        NOW.minusSeconds(60))));

        DeploymentCondition progressing = condition(statusOrStored(plan(timedOut, OLD), timedOut), "Progressing");

        assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreCleanedUpWhilePaused() {
        Deployment limited = copy(V1);
        limited.getSpec().setRevisionHistoryLimit(0);
        Deployment v2 = withImage(limited, "v2");
        ReplicaSet drained = withStatus(scaledTo(replicaSet(limited, "v1", 1, 4, NOW.minusSeconds(600)), 0), 0, 0, 0);
        ReplicaSet current = replicaSet(v2, "v2", 2, 4, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(paused(v2, true), drained, current);

        assertThat(deletes(plan)).extracting(ControllerAction.Delete::name).containsExactly("web-v1");
    }

    private static DeploymentStatus statusOrStored(List<ControllerAction> plan, Deployment stored) {
        return statusWritten(plan).orElse(stored.getStatus());
    }
}
