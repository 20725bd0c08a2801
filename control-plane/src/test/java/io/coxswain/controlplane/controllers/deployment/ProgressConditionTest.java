package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ControllerKind;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Progressing and Available conditions {@code kubectl rollout status} and {@code kubectl get}
 * show, and the progress deadline (Kubernetes' {@code syncRolloutStatus}, {@code requeueStuckDeployment}).
 */
class ProgressConditionTest {

    private static final Deployment V1 = rolling(deployment(4), 1, 0);
    /** The new template, its revision already recorded on it. */
    private static final Deployment V2 = annotated(withImage(V1, "v2"), DeploymentAnnotations.REVISION, "2");
    private static final long GENERATION = V2.getMetadata().getGeneration();
    /** Mid-rollout: 3 old pods, 2 new of which 1 available. Computed status: 5 pods, 2 updated, 4 ready and available. */
    private static final ReplicaSet OLD = replicaSet(V1, "v1", 1, 3, NOW.minusSeconds(900));
    private static final ReplicaSet NEW = withStatus(replicaSet(V2, "v2", 2, 2, NOW.minusSeconds(700)), 2, 1, 1);

    private static DeploymentCondition progressing(String status, String reason, long updatedSecondsAgo) {
        return condition("Progressing", status, reason, NOW.minusSeconds(updatedSecondsAgo), NOW.minusSeconds(900));
    }

    private static DeploymentCondition available() {
        return condition("Available", "True", "MinimumReplicasAvailable", NOW.minusSeconds(900), NOW.minusSeconds(900));
    }

    /** V2 as the last round left it: the counters of {@link #OLD} and {@link #NEW} and the given Progressing. */
    private static Deployment stalled(DeploymentCondition progressing) {
        DeploymentStatus status = status(GENERATION, 5, 2, 4, 4, available(), progressing);
        status.setUnavailableReplicas(1);
        return withStatus(V2, status);
    }

    @Test
    void creatingTheNewReplicaSetIsProgress() {
        Deployment rolledOutV1 = withStatus(V2, status(1, 4, 4, 4, 4, available(),
                progressing("True", "NewReplicaSetAvailable", 900)));

        List<ControllerAction> plan = plan(rolledOutV1, replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(900)));

        String name = created(plan).get(0).getMetadata().getName();
        DeploymentCondition progressing = condition(status(plan), "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("True");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetCreated");
        assertThat(progressing.getMessage()).isEqualTo("Created new replica set \"" + name + "\"");
        assertThat(progressing.getLastUpdateTime()).isEqualTo(DeploymentConditions.timestamp(NOW));
    }

    @Test
    void morePodsUpdatedIsProgressAndMovesOnlyTheUpdateTime() {
        Deployment before = withStatus(V2, status(GENERATION, 5, 1, 4, 4, available(),
                progressing("True", "ReplicaSetUpdated", 100)));

        DeploymentCondition progressing = condition(status(plan(before, OLD, NEW)), "Progressing");

        assertThat(progressing.getStatus()).isEqualTo("True");
        assertThat(progressing.getReason()).isEqualTo("ReplicaSetUpdated");
        assertThat(progressing.getMessage()).isEqualTo("ReplicaSet \"web-v2\" is progressing.");
        assertThat(progressing.getLastUpdateTime()).isEqualTo(DeploymentConditions.timestamp(NOW));
        assertThat(progressing.getLastTransitionTime()).isEqualTo(DeploymentConditions.timestamp(NOW.minusSeconds(900)));
    }

    @Test
    void noProgressWithinTheDeadlineChangesNothing() {
        // Exactly progressDeadlineSeconds (600) since the last progress: not yet exceeded.
        assertThat(plan(stalled(progressing("True", "ReplicaSetUpdated", 600)), OLD, NEW)).isEmpty();
    }

    @Test
    void noProgressBeyondTheDeadlineIsProgressDeadlineExceeded() {
        List<ControllerAction> plan = plan(stalled(progressing("True", "ReplicaSetUpdated", 601)), OLD, NEW);

        DeploymentCondition progressing = condition(status(plan), "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing.getMessage()).isEqualTo("ReplicaSet \"web-v2\" has timed out progressing.");
        assertThat(progressing.getLastTransitionTime()).isEqualTo(DeploymentConditions.timestamp(NOW));
        // The rollout itself is not abandoned: Kubernetes only reports it.
        assertThat(scaled(plan)).isEmpty();
    }

    @Test
    void aCompleteRolloutIsNewReplicaSetAvailableAndStaysSo() {
        ReplicaSet drained = withStatus(scaledTo(OLD, 0), 0, 0, 0);
        ReplicaSet full = replicaSet(V2, "v2", 2, 4, NOW.minusSeconds(700));

        DeploymentStatus done = status(plan(stalled(progressing("True", "ReplicaSetUpdated", 30)), drained, full));

        DeploymentCondition progressing = condition(done, "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("True");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(progressing.getMessage()).isEqualTo("ReplicaSet \"web-v2\" has successfully progressed.");

        // Long after the deadline, a complete rollout does not time out.
        List<ControllerAction> later = DeploymentPlanner.plan(withStatus(V2, done), List.of(drained, full), List.of(),
                NOW.plusSeconds(3600));
        assertThat(later).isEmpty();
    }

    @Test
    void availableFollowsTheMinimumOfReplicasLessMaxUnavailable() {
        Deployment web = deployment(4); // 25%: one may be unavailable, 3 must be available
        ReplicaSet rs = replicaSet(web, "v1", 1, 4, NOW.minusSeconds(900));

        DeploymentCondition enough = condition(status(plan(web, withStatus(rs, 4, 3, 3))), "Available");
        assertThat(enough.getStatus()).isEqualTo("True");
        assertThat(enough.getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(enough.getMessage()).isEqualTo("Deployment has minimum availability.");

        DeploymentCondition tooFew = condition(status(plan(web, withStatus(rs, 4, 2, 2))), "Available");
        assertThat(tooFew.getStatus()).isEqualTo("False");
        assertThat(tooFew.getReason()).isEqualTo("MinimumReplicasUnavailable");
        assertThat(tooFew.getMessage()).isEqualTo("Deployment does not have minimum availability.");
    }

    @Test
    void aReplicaSetThatCannotCreatePodsIsReportedAsReplicaFailure() {
        ReplicaSet refused = copy(NEW);
        ReplicaSetCondition failure = new ReplicaSetCondition(DeploymentConditions.timestamp(NOW.minusSeconds(5)),
                "pods \"web-v2-x\" is forbidden: exceeded quota", "FailedCreate", "True", "ReplicaFailure");
        refused.getStatus().setConditions(List.of(failure));

        DeploymentStatus failing = status(plan(stalled(progressing("True", "ReplicaSetUpdated", 30)), OLD, refused));

        DeploymentCondition replicaFailure = condition(failing, "ReplicaFailure");
        assertThat(replicaFailure.getStatus()).isEqualTo("True");
        assertThat(replicaFailure.getReason()).isEqualTo("FailedCreate");
        assertThat(replicaFailure.getMessage()).contains("exceeded quota");

        // Gone from the ReplicaSet, gone from the Deployment.
        DeploymentStatus recovered = status(plan(withStatus(V2, failing), OLD, NEW));
        assertThat(condition(recovered, "ReplicaFailure")).isNull();
    }

    @Test
    void withoutAProgressDeadlineThereIsNoProgressingCondition() {
        Deployment unbounded = deployment(2);
        unbounded.getSpec().setProgressDeadlineSeconds(Integer.MAX_VALUE);

        List<ControllerAction> plan = plan(unbounded);

        assertThat(created(plan)).hasSize(1);
        assertThat(condition(status(plan), "Progressing")).isNull();
        assertThat(condition(status(plan), "Available")).isNotNull();
        assertThat(requeue(unbounded)).isNull();
    }

    @Test
    void theControllerIsWokenJustAfterTheDeadlineWouldPass() {
        Duration delay = requeue(stalled(progressing("True", "ReplicaSetUpdated", 100)), OLD, NEW);

        // 600 s deadline - 100 s elapsed, + 1 s as Kubernetes' requeueStuckDeployment, + 100 ms margin.
        assertThat(delay).isEqualTo(Duration.ofSeconds(501).plusMillis(100));
    }

    @Test
    void aDeadlineAlreadyPassedIsCheckedAgainAtOnce() {
        assertThat(requeue(stalled(progressing("True", "ReplicaSetUpdated", 700)), OLD, NEW))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noWakeUpWhenNoDeadlineIsPending() {
        assertThat(requeue(stalled(progressing("False", "ProgressDeadlineExceeded", 100)), OLD, NEW)).isNull();
        assertThat(requeue(paused(stalled(progressing("Unknown", "DeploymentPaused", 100)), true), OLD, NEW)).isNull();
        Deployment complete = withStatus(V2, status(GENERATION, 4, 4, 4, 4, available(),
                progressing("True", "NewReplicaSetAvailable", 100)));
        assertThat(requeue(complete, replicaSet(V2, "v2", 2, 4, NOW.minusSeconds(700)))).isNull();
    }

    /** The RequeueAfter that the Deployment controller's round (DeploymentKind) adds to the plan, or null. */
    private static Duration requeue(Deployment deployment, ReplicaSet... sets) {
        ControllerKind.CacheReader reader = (type, namespace) -> CompletableFuture.completedFuture(
                type.equals(ResourceTypes.REPLICA_SET)
                        ? Arrays.stream(sets).map(rs -> CachedObject.of("ReplicaSet",
                                namespace + "/" + rs.getMetadata().getName(), ModelObjects.toJson(rs))).toList()
                        : List.of());
        List<ControllerAction> plan = new DeploymentKind().plan(reader,
                        CachedObject.of("Deployment", "ns/web", ModelObjects.toJson(deployment)),
                        ControllerKind.RoundMemory.NONE, NOW)
                .toCompletableFuture().join();
        List<Duration> delays = plan.stream().filter(ControllerAction.RequeueAfter.class::isInstance)
                .map(action -> ((ControllerAction.RequeueAfter) action).delay()).toList();
        assertThat(delays).hasSizeLessThanOrEqualTo(1);
        return delays.isEmpty() ? null : delays.get(0);
    }
}
