package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * maxSurge and maxUnavailable resolved as Kubernetes' {@code GetScaledValueFromIntOrPercent} and
 * {@code ResolveFenceposts} do: a percentage of the replicas, surge rounded up, unavailability down.
 */
class IntOrPercentTest {

    @Test
    void percentagesRoundSurgeUpAndUnavailabilityDown() {
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 10, true)).isEqualTo(3);
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 10, false)).isEqualTo(2);
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 4, true)).isEqualTo(1);
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 4, false)).isEqualTo(1);
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 1, true)).isEqualTo(1);
        assertThat(IntOrPercent.resolve(new IntOrString("25%"), 1, false)).isZero();
        assertThat(IntOrPercent.resolve(new IntOrString("100%"), 7, false)).isEqualTo(7);
        assertThat(IntOrPercent.resolve(new IntOrString("0%"), 7, true)).isZero();
    }

    @Test
    void integersAreTakenAsTheyAreWhateverTheReplicas() {
        assertThat(IntOrPercent.resolve(new IntOrString(1), 10, true)).isEqualTo(1);
        assertThat(IntOrPercent.resolve(new IntOrString(1), 10, false)).isEqualTo(1);
        assertThat(IntOrPercent.resolve(new IntOrString(0), 10, true)).isZero();
        assertThat(IntOrPercent.resolve(new IntOrString(12), 3, true)).isEqualTo(12);
    }

    @Test
    void aStringThatIsNotAPercentageIsRefusedAsByKubernetes() {
        // "1" as a string is not the int 1: Kubernetes' validation and GetScaledValueFromIntOrPercent reject it.
        assertThatThrownBy(() -> IntOrPercent.resolve(new IntOrString("1"), 10, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> IntOrPercent.resolve(new IntOrString("x%"), 10, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDeploymentsCountsFollowItsReplicas() {
        RolloutSpec ten = RolloutSpec.of(deployment(10));
        assertThat(ten.maxSurgeCount()).isEqualTo(3);
        assertThat(ten.maxUnavailableCount()).isEqualTo(2);
        assertThat(ten.maxReplicas()).isEqualTo(13);

        RolloutSpec four = RolloutSpec.of(deployment(4));
        assertThat(four.maxSurgeCount()).isEqualTo(1);
        assertThat(four.maxUnavailableCount()).isEqualTo(1);

        RolloutSpec one = RolloutSpec.of(rolling(deployment(4), 1, 0));
        assertThat(one.maxSurgeCount()).isEqualTo(1);
        assertThat(one.maxUnavailableCount()).isZero();
        assertThat(one.maxReplicas()).isEqualTo(5);
    }

    @Test
    void whenBothResolveToZeroOnePodMayBeUnavailable() {
        RolloutSpec zeros = RolloutSpec.of(rolling(deployment(4), 0, 0));
        assertThat(zeros.maxSurgeCount()).isZero();
        assertThat(zeros.maxUnavailableCount()).isEqualTo(1);

        // 10% of 5 rounds down to 0, and no surge: the rollout could never move without the fencepost.
        RolloutSpec rounded = RolloutSpec.of(rolling(deployment(5), "0%", "10%"));
        assertThat(rounded.maxSurgeCount()).isZero();
        assertThat(rounded.maxUnavailableCount()).isEqualTo(1);
    }

    @Test
    void unavailabilityIsCappedAtTheReplicasAndZeroWithoutReplicas() {
        assertThat(RolloutSpec.of(rolling(deployment(3), 1, 5)).maxUnavailableCount()).isEqualTo(3);
        assertThat(RolloutSpec.of(rolling(deployment(0), 1, 5)).maxUnavailableCount()).isZero();
    }

    @Test
    void recreateHasNeitherSurgeNorUnavailability() {
        RolloutSpec recreate = RolloutSpec.of(recreate(deployment(4)));
        assertThat(recreate.recreate()).isTrue();
        assertThat(recreate.maxSurgeCount()).isZero();
        assertThat(recreate.maxUnavailableCount()).isZero();
        assertThat(recreate.maxReplicas()).isEqualTo(4);
    }

    @Test
    void fieldsTheServerDidNotDefaultGetKubernetesDefaults() {
        Deployment bare = deployment(8);
        bare.getSpec().setStrategy(null);
        bare.getSpec().setRevisionHistoryLimit(null);
        bare.getSpec().setProgressDeadlineSeconds(null);
        bare.getSpec().setReplicas(null);

        RolloutSpec spec = RolloutSpec.of(bare);
        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.rollingUpdate()).isTrue();
        assertThat(spec.maxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(spec.maxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(spec.revisionHistoryLimit()).isEqualTo(10);
        assertThat(spec.progressDeadlineSeconds()).isEqualTo(600);
    }
}
