package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.replicas} changed while several ReplicaSets run (Kubernetes' {@code scale()}): the
 * difference is spread in proportion to each ReplicaSet's share of the size it was scaled for, the
 * rounding leftover goes to the largest (newest when growing, oldest when shrinking). The cases are
 * those of Kubernetes' {@code TestScale} (sync_test.go).
 */
class ProportionalScalingTest {

    /**
     * Three generations of a Deployment last scaled at {@code before} replicas with {@code surge}, then
     * scaled to {@code after} (and {@code newSurge}); returns the plan for ReplicaSets of the given sizes
     * v1 (oldest) .. vN (newest, the current template).
     */
    private static List<ControllerAction> scale(int before, int surge, int after, int newSurge, int... sizes) {
        Deployment generation = rolling(deployment(before), surge, 0);
        ReplicaSet[] sets = new ReplicaSet[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            if (i > 0) {
                generation = withImage(generation, "v" + (i + 1));
            }
            sets[i] = replicaSet(generation, "v" + (i + 1), i + 1, sizes[i], NOW.minusSeconds(1000 - 100L * i));
        }
        Deployment scaled = withReplicas(rolling(generation, newSurge, 0), after);
        return plan(scaled, sets);
    }

    @Test
    void scaleUpFromFiveToTen() {
        assertThat(scaled(scale(5, 0, 10, 0, 3, 2))).isEqualTo(Map.of("web-v1", 6, "web-v2", 4));
    }

    @Test
    void scaleDownFromFiveToThree() {
        assertThat(scaled(scale(5, 0, 3, 0, 3, 2))).isEqualTo(Map.of("web-v1", 2, "web-v2", 1));
    }

    @Test
    void scaleDownFromNineToFourEmptiesTheSmallOldOne() {
        assertThat(scaled(scale(9, 0, 4, 0, 1, 8))).isEqualTo(Map.of("web-v1", 0, "web-v2", 4));
    }

    @Test
    void scaleUpFromSevenToTenOverThreeReplicaSets() {
        assertThat(scaled(scale(7, 0, 10, 0, 2, 3, 2))).isEqualTo(Map.of("web-v1", 3, "web-v2", 4, "web-v3", 3));
    }

    @Test
    void scaleDownFromThirteenToEightOverThreeReplicaSets() {
        assertThat(scaled(scale(13, 0, 8, 0, 3, 8, 2))).isEqualTo(Map.of("web-v1", 2, "web-v2", 5, "web-v3", 1));
    }

    @Test
    void aLeftoverWhenGrowingGoesToTheNewestOfEqualSize() {
        List<ControllerAction> plan = scale(3, 0, 4, 0, 1, 1, 1);

        assertThat(scaled(plan)).isEqualTo(Map.of("web-v1", 1, "web-v2", 1, "web-v3", 2));
        assertThat(events(plan)).containsExactly("Normal ScalingReplicaSet: Scaled up replica set web-v3 from 1 to 2");
    }

    @Test
    void aLeftoverWhenShrinkingComesFromTheOldestOfEqualSize() {
        assertThat(scaled(scale(3, 0, 2, 0, 1, 1, 1))).isEqualTo(Map.of("web-v1", 0, "web-v2", 1, "web-v3", 1));
    }

    @Test
    void scaleToZeroEmptiesEveryReplicaSet() {
        assertThat(scaled(scale(6, 0, 0, 0, 1, 2, 3))).isEqualTo(Map.of("web-v1", 0, "web-v2", 0, "web-v3", 0));
    }

    @Test
    void surgePodsAreScaledWithTheRest() {
        assertThat(scaled(scale(10, 2, 20, 2, 6, 6))).isEqualTo(Map.of("web-v1", 11, "web-v2", 11));
    }

    @Test
    void sizeAndSurgeChangingTogether() {
        assertThat(scaled(scale(10, 3, 50, 6, 8, 5))).isEqualTo(Map.of("web-v1", 34, "web-v2", 22));
    }

    @Test
    void halvesRoundUpAsKubernetesComputesThem() {
        // 11 of 22 at a new maximum of 15 is exactly 7.5, which Kubernetes rounds to 8; computing
        // 11 * (15 / 22) in floating point instead gives 7.4999… and 7.
        assertThat(scaled(scale(20, 2, 12, 3, 11, 6, 5))).isEqualTo(Map.of("web-v1", 8, "web-v2", 4, "web-v3", 3));
    }

    @Test
    void everyScaledReplicaSetRecordsTheSizeItWasScaledFor() {
        List<ControllerAction> plan = scale(7, 0, 10, 0, 2, 3, 2);

        assertThat(annotationsSet(plan)).hasSize(3).allSatisfy((name, annotations) -> assertThat(annotations)
                .containsEntry("deployment.kubernetes.io/desired-replicas", "10")
                .containsEntry("deployment.kubernetes.io/max-replicas", "10"));
    }

    @Test
    void theOnlyActiveReplicaSetTakesTheWholeNewSize() {
        Deployment v1 = rolling(deployment(4), 1, 0);
        Deployment v2 = withImage(v1, "v2");
        ReplicaSet drained = withStatus(scaledTo(replicaSet(v1, "v1", 1, 4, NOW.minusSeconds(900)), 0), 0, 0, 0);
        ReplicaSet current = replicaSet(v2, "v2", 2, 4, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(withReplicas(v2, 6), drained, current);

        assertThat(scaled(plan)).isEqualTo(Map.of("web-v2", 6));
    }

    @Test
    void aSaturatedNewReplicaSetEmptiesTheOldOnes() {
        Deployment v1 = rolling(deployment(3), 1, 0);
        Deployment v2 = withReplicas(withImage(v1, "v2"), 4);
        ReplicaSet leftover = replicaSet(v1, "v1", 1, 1, NOW.minusSeconds(900));
        ReplicaSet saturated = replicaSet(v2, "v2", 2, 4, NOW.minusSeconds(60));

        assertThat(scaled(plan(v2, leftover, saturated))).isEqualTo(Map.of("web-v1", 0));
    }

    @Test
    void aScalingEventTakesNoRolloutStep() {
        // Mid-rollout (one new pod not yet available) the replicas go from 4 to 8: both grow, neither
        // is scaled down for the rollout in the same round.
        Deployment v1 = rolling(deployment(4), 1, 0);
        Deployment v2 = withImage(v1, "v2");
        ReplicaSet old = replicaSet(v1, "v1", 1, 4, NOW.minusSeconds(900));
        ReplicaSet surge = withStatus(replicaSet(v2, "v2", 2, 1, NOW.minusSeconds(60)), 1, 0, 0);

        List<ControllerAction> plan = plan(withReplicas(v2, 8), old, surge);

        // Both were scaled for 4 + 1 = 5, now 8 + 1 = 9: v1 4 * 9/5 = 7.2 -> 7, v2 1 * 9/5 = 1.8 -> 2.
        assertThat(scaled(plan)).isEqualTo(Map.of("web-v1", 7, "web-v2", 2));
    }
}
