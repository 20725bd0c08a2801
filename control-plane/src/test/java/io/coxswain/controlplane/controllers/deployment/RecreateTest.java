package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' {@code rolloutRecreate}: every old ReplicaSet to 0 first, and the new one, with all
 * replicas at once, only when no old pod runs any more.
 */
class RecreateTest {

    private static final Deployment V1 = recreate(deployment(4));
    private static final Deployment V2 = withImage(V1, "v2");

    private static ReplicaSet old(int replicas) {
        return replicaSet(V1, "v1", 1, replicas, NOW.minusSeconds(600));
    }

    private static List<ControllerAction> plan(Deployment deployment, List<ReplicaSet> sets, List<Pod> pods) {
        return DeploymentPlanner.plan(deployment, sets, pods, NOW);
    }

    @Test
    void oldReplicaSetsGoToZeroBeforeAnythingNewIsCreated() {
        ReplicaSet v1 = old(4);
        List<Pod> running = List.of(pod(v1, "a", "Running"), pod(v1, "b", "Running"), pod(v1, "c", "Running"),
                pod(v1, "d", "Running"));

        List<ControllerAction> plan = plan(V2, List.of(v1), running);

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 0));
        assertThat(created(plan)).isEmpty();
    }

    @Test
    void nothingNewWhileTheOldReplicaSetStillReportsPods() {
        ReplicaSet v1 = withStatus(scaledTo(old(4), 0), 2, 2, 2);

        List<ControllerAction> plan = plan(V2, List.of(v1), List.of());

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
    }

    @Test
    void nothingNewWhileAnOldPodHasNotFinished() {
        ReplicaSet v1 = withStatus(scaledTo(old(4), 0), 0, 0, 0);

        for (String phase : List.of("Running", "Pending", "Unknown")) {
            List<ControllerAction> plan = plan(V2, List.of(v1), List.of(pod(v1, "late", phase)));
            assertThat(created(plan)).as(phase).isEmpty();
        }
    }

    @Test
    void theNewReplicaSetGetsAllReplicasOnceOldPodsAreGoneOrFinished() {
        ReplicaSet v1 = withStatus(scaledTo(old(4), 0), 0, 0, 0);
        List<Pod> finished = List.of(pod(v1, "done", "Succeeded"), pod(v1, "crashed", "Failed"));

        List<ControllerAction> plan = plan(V2, List.of(v1), finished);

        assertThat(created(plan)).singleElement().satisfies(rs -> {
            assertThat(rs.getSpec().getReplicas()).isEqualTo(4);
            assertThat(rs.getMetadata().getAnnotations())
                    .containsEntry("deployment.kubernetes.io/revision", "2")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "4");
        });
        assertThat(scaled(plan)).isEmpty();
    }

    @Test
    void anExistingNewReplicaSetIsScaledToAllReplicasAtOnce() {
        ReplicaSet v1 = withStatus(scaledTo(old(4), 0), 0, 0, 0);
        ReplicaSet v2 = withStatus(replicaSet(V2, "v2", 2, 0, NOW.minusSeconds(10)), 0, 0, 0);

        List<ControllerAction> plan = plan(V2, List.of(v1, v2), List.of());

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v2", 4));
    }

    @Test
    void podsOfTheNewReplicaSetDoNotHoldItBack() {
        ReplicaSet v1 = withStatus(scaledTo(old(4), 0), 0, 0, 0);
        ReplicaSet v2 = withStatus(replicaSet(V2, "v2", 2, 1, NOW.minusSeconds(10)), 1, 1, 1);

        List<ControllerAction> plan = plan(V2, List.of(v1, v2), List.of(pod(v2, "new", "Running")));

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v2", 4));
    }
}
