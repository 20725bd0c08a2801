package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One step of a rolling update (Kubernetes' {@code rolloutRolling}): the new ReplicaSet grows while
 * the total stays within replicas + maxSurge, old ones shrink while at least replicas - maxUnavailable
 * pods stay available.
 */
class RollingUpdateTest {

    private static final Deployment V1 = rolling(deployment(10), 3, 2);
    private static final Deployment V2 = withImage(V1, "v2");

    private static ReplicaSet old(int replicas) {
        return replicaSet(V1, "v1", 1, replicas, NOW.minusSeconds(600));
    }

    private static ReplicaSet updated(int replicas, int available) {
        return withStatus(replicaSet(V2, "v2", 2, replicas, NOW.minusSeconds(60)), replicas, available, available);
    }

    @Test
    void theNewReplicaSetGrowsNoFurtherThanMaxSurgeAboveReplicas() {
        List<ControllerAction> plan = plan(V2, old(10), updated(1, 0));

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v2", 3));
        assertThat(events(plan)).containsExactly("Normal ScalingReplicaSet: Scaled up replica set web-v2 from 1 to 3");
    }

    @Test
    void theNewReplicaSetNeverGrowsBeyondReplicas() {
        List<ControllerAction> plan = plan(V2, old(1), updated(8, 8));

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v2", 10));
    }

    @Test
    void oldReplicaSetsShrinkOnlyAsFarAsAvailabilityAllows() {
        // 13 pods, none of the 3 new available: 10 available, at least 8 must stay.
        List<ControllerAction> plan = plan(V2, old(10), updated(3, 0));

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 8));
        assertThat(events(plan)).containsExactly(
                "Normal ScalingReplicaSet: Scaled down replica set web-v1 from 10 to 8");
    }

    @Test
    void newPodsThatNeverBecomeAvailableHoldTheOldOnesBack() {
        // Kubernetes' own example: 8 old + 5 crash-looping new; an old pod failing changes nothing.
        ReplicaSet crashLooping = updated(5, 0);
        assertThat(scaled(plan(V2, old(8), crashLooping))).isEmpty();
        assertThat(scaled(plan(V2, withStatus(old(8), 8, 7, 7), crashLooping))).isEmpty();
    }

    @Test
    void withNoUnavailabilityAllowedAnOldPodGoesOnlyOnceANewOneIsAvailable() {
        Deployment v1 = rolling(deployment(4), 1, 0);
        Deployment v2 = withImage(v1, "v2");
        ReplicaSet old = replicaSet(v1, "v1", 1, 4, NOW.minusSeconds(600));
        ReplicaSet surge = replicaSet(v2, "v2", 2, 1, NOW.minusSeconds(60));

        assertThat(writesTo(plan(v2, old, withStatus(surge, 1, 0, 0)))).isEmpty();
        assertThat(scaled(plan(v2, old, surge))).containsExactly(Map.entry("web-v1", 3));
    }

    @Test
    void unhealthyOldPodsAreCleanedUpFirstAndCostNoAvailability() {
        Deployment v1 = rolling(deployment(4), 1, 1);
        Deployment v2 = withImage(v1, "v2");
        Deployment v3 = withImage(v2, "v3");
        ReplicaSet broken = withStatus(replicaSet(v1, "v1", 1, 2, NOW.minusSeconds(900)), 2, 0, 0);
        ReplicaSet healthy = replicaSet(v2, "v2", 2, 2, NOW.minusSeconds(600));
        ReplicaSet newest = replicaSet(v3, "v3", 3, 1, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(v3, broken, healthy, newest);

        // 5 pods, 3 available = the minimum: only the 2 that serve nobody may go.
        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 0));
    }

    @Test
    void oldReplicaSetsShrinkOldestFirst() {
        Deployment v1 = rolling(deployment(4), 1, 1);
        Deployment v2 = withImage(v1, "v2");
        Deployment v3 = withImage(v2, "v3");
        ReplicaSet oldest = replicaSet(v1, "v1", 1, 1, NOW.minusSeconds(900));
        ReplicaSet older = replicaSet(v2, "v2", 2, 2, NOW.minusSeconds(600));
        ReplicaSet newest = replicaSet(v3, "v3", 3, 2, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(v3, oldest, older, newest);

        // 5 available, 3 must stay: 2 go, the oldest ReplicaSet's pod first.
        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 0), Map.entry("web-v2", 1));
    }

    @Test
    void anOldReplicaSetAlreadyAtZeroDoesNotCountItsLingeringPodsAsAvailable() {
        // web-v1 was scaled to 0 but its controller has not removed its pod yet. Kubernetes sums
        // availability over the active old ReplicaSets and the new one only, so that pod, about to
        // go, does not let web-v2 drop below the 4 available that maxUnavailable 0 demands.
        Deployment v1 = rolling(deployment(4), 1, 0);
        Deployment v2 = withImage(v1, "v2");
        Deployment v3 = withImage(v2, "v3");
        ReplicaSet draining = withStatus(replicaSet(v1, "v1", 1, 0, NOW.minusSeconds(900)), 1, 1, 1);
        ReplicaSet older = replicaSet(v2, "v2", 2, 2, NOW.minusSeconds(600));
        ReplicaSet newest = replicaSet(v3, "v3", 3, 3, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(v3, draining, older, newest);

        assertThat(scaled(plan)).containsExactly(Map.entry("web-v2", 1));
    }

    @Test
    void aCompleteRolloutLeavesTheOldReplicaSetAtZeroAndKeepsIt() {
        Deployment v1 = rolling(deployment(4), 1, 0);
        Deployment v2 = withImage(v1, "v2");
        ReplicaSet old = replicaSet(v1, "v1", 1, 1, NOW.minusSeconds(600));
        ReplicaSet full = replicaSet(v2, "v2", 2, 4, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(v2, old, full);
        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 0));

        ReplicaSet drained = withStatus(scaledTo(old, 0), 0, 0, 0);
        Deployment done = withStatus(v2, status(v2.getMetadata().getGeneration(), 4, 4, 4, 4));
        List<ControllerAction> settled = plan(done, drained, full);
        assertThat(scaled(settled)).isEmpty();
        assertThat(deletes(settled)).isEmpty();
    }

    @Test
    void aNewReplicaSetAboveReplicasIsScaledDownToThem() {
        Deployment v1 = rolling(deployment(4), 1, 0);
        ReplicaSet big = replicaSet(v1, "v1", 1, 6, NOW.minusSeconds(600));

        // Not a scaling event (the annotation says 4 was asked for): the rollout step trims it.
        assertThat(scaled(plan(v1, big))).containsExactly(Map.entry("web-v1", 4));
    }

    @Test
    void scalingWritesTheDesiredAndMaxReplicasAnnotationsProportionalScalingReads() {
        List<ControllerAction> plan = plan(V2, old(10), updated(3, 0));

        assertThat(annotationsSet(plan).get("web-v1"))
                .containsEntry("deployment.kubernetes.io/desired-replicas", "10")
                .containsEntry("deployment.kubernetes.io/max-replicas", "13");
    }

    private static List<ControllerAction> writesTo(List<ControllerAction> plan) {
        return plan.stream().filter(a -> a instanceof ControllerAction.Create || a instanceof ControllerAction.Delete
                || (a instanceof ControllerAction.MergePatch patch && patch.type() == ResourceTypes.REPLICA_SET))
                .toList();
    }
}
