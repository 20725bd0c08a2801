package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole rollouts driven through {@link RolloutSimulator}: the controller plans until it has nothing
 * more to write on what it sees (it is woken by its own writes), then the ReplicaSet controller makes
 * or removes pods, then one pod becomes ready; again until nothing changes. Planning again on the state
 * a plan produced must write nothing once settled, and the rollout must keep its promises throughout.
 */
class RolloutConvergenceTest {

    private static final int MAX_STEPS = 100;
    /** Rounds the controller may take on one unchanged view of the world before it must have settled. */
    private static final int MAX_ROUNDS_PER_VIEW = 5;

    /** The most pods and ReplicaSet replicas, and the fewest available pods, seen during {@link #drive}. */
    private static final class Watch {
        long mostPods;
        int mostSpecReplicas;
        long fewestAvailable = Long.MAX_VALUE;
        boolean oldAndNewTogether;

        void look(RolloutSimulator sim, String oldImage, String newImage) {
            mostPods = Math.max(mostPods, sim.pods().size());
            mostSpecReplicas = Math.max(mostSpecReplicas,
                    sim.specReplicas().values().stream().mapToInt(Integer::intValue).sum());
            fewestAvailable = Math.min(fewestAvailable, sim.availablePods());
            Map<String, Long> byImage = sim.podsByImage();
            oldAndNewTogether |= byImage.containsKey(oldImage) && byImage.containsKey(newImage);
        }
    }

    /** Steps until nothing changes any more; returns what was seen on the way. */
    private static Watch drive(RolloutSimulator sim, String oldImage, String newImage) {
        Watch watch = new Watch();
        watch.look(sim, oldImage, newImage);
        for (int step = 0; step < MAX_STEPS; step++) {
            boolean wrote = false;
            int rounds = 0;
            while (!writes(sim.reconcile()).isEmpty()) {
                wrote = true;
                watch.look(sim, oldImage, newImage);
                assertThat(++rounds).as("controller rounds without settling at step " + step + ": " + sim.specReplicas())
                        .isLessThan(MAX_ROUNDS_PER_VIEW);
            }
            // Settled: planning again on the state its own plans produced writes nothing at all.
            assertThat(sim.planOnly()).as("plan on a settled view at step " + step).isEmpty();
            boolean podsChanged = sim.syncReplicaSets(() -> watch.look(sim, oldImage, newImage));
            boolean madeReady = sim.makeOneReady();
            watch.look(sim, oldImage, newImage);
            if (!wrote && !podsChanged && !madeReady) {
                return watch;
            }
        }
        throw new AssertionError("no end to the rollout after " + MAX_STEPS + " steps: " + sim.specReplicas());
    }

    @Test
    void aNewDeploymentComesUpAndSettles() {
        RolloutSimulator sim = new RolloutSimulator(rolling(deployment(4), 1, 0));

        drive(sim, "none", "v1");

        assertThat(sim.podsByImage()).isEqualTo(Map.of("v1", 4L));
        assertThat(sim.availablePods()).isEqualTo(4);
        assertThat(sim.replicaSets()).hasSize(1);
        assertThat(DeploymentStatusTest.rolloutStatus(sim.deployment()))
                .isEqualTo("deployment \"web\" successfully rolled out");
    }

    @Test
    void rollsFourReplicasFromV1ToV2WithinOneSurgePodAndNoUnavailablePod() {
        RolloutSimulator sim = new RolloutSimulator(rolling(deployment(4), 1, 0));
        sim.settle();
        String v1 = sim.replicaSetWithImage("v1");

        sim.edit(d -> withImage(d, "v2"));
        Watch watch = drive(sim, "v1", "v2");

        assertThat(watch.mostPods).isEqualTo(5);
        assertThat(watch.mostSpecReplicas).isEqualTo(5);
        assertThat(watch.fewestAvailable).isEqualTo(4);
        String v2 = sim.replicaSetWithImage("v2");
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v2", 4L));
        assertThat(sim.availablePods()).isEqualTo(4);
        assertThat(sim.specReplicas()).isEqualTo(Map.of(v1, 0, v2, 4));

        Deployment done = sim.deployment();
        assertThat(done.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(sim.replicaSet(v2).getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "2");
        DeploymentStatus status = done.getStatus();
        assertThat(status.getObservedGeneration()).isEqualTo(2);
        assertThat(status.getReplicas()).isEqualTo(4);
        assertThat(status.getUpdatedReplicas()).isEqualTo(4);
        assertThat(status.getReadyReplicas()).isEqualTo(4);
        assertThat(status.getAvailableReplicas()).isEqualTo(4);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
        assertThat(DeploymentStatusTest.rolloutStatus(done)).isEqualTo("deployment \"web\" successfully rolled out");
        assertThat(sim.events()).contains("ScalingReplicaSet: Scaled down replica set " + v1 + " from 1 to 0");
    }

    @Test
    void withTheDefaultQuarterSurgeAndUnavailabilityTenReplicasStayWithinBoth() {
        RolloutSimulator sim = new RolloutSimulator(deployment(10));
        sim.settle();

        sim.edit(d -> withImage(d, "v2"));
        Watch watch = drive(sim, "v1", "v2");

        // 25% of 10: 3 surge (rounded up), 2 unavailable (rounded down).
        assertThat(watch.mostSpecReplicas).isEqualTo(13);
        assertThat(watch.mostPods).isLessThanOrEqualTo(13);
        assertThat(watch.fewestAvailable).isEqualTo(8);
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v2", 10L));
    }

    @Test
    void recreateNeverRunsOldAndNewPodsTogether() {
        RolloutSimulator sim = new RolloutSimulator(recreate(deployment(4)));
        sim.settle();

        sim.edit(d -> withImage(d, "v2"));
        Watch watch = drive(sim, "v1", "v2");

        assertThat(watch.oldAndNewTogether).isFalse();
        assertThat(watch.mostPods).isEqualTo(4);
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v2", 4L));
        assertThat(DeploymentStatusTest.rolloutStatus(sim.deployment()))
                .isEqualTo("deployment \"web\" successfully rolled out");
    }

    @Test
    void scalingUpInTheMiddleOfARolloutEndsWithAllNewPods() {
        RolloutSimulator sim = new RolloutSimulator(rolling(deployment(4), 1, 0));
        sim.settle();
        sim.edit(d -> withImage(d, "v2"));
        for (int i = 0; i < 3; i++) {
            sim.reconcile();
            sim.syncReplicaSets(() -> {});
            sim.makeOneReady();
        }
        assertThat(sim.podsByImage()).containsKeys("v1", "v2");

        sim.edit(d -> withReplicas(d, 8));
        Watch watch = drive(sim, "v1", "v2");

        assertThat(watch.mostSpecReplicas).isLessThanOrEqualTo(9);
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v2", 8L));
        assertThat(sim.deployment().getStatus().getAvailableReplicas()).isEqualTo(8);
    }

    @Test
    void undoRollsBackToTheOldReplicaSetWithoutANewOne() {
        RolloutSimulator sim = new RolloutSimulator(rolling(deployment(4), 1, 0));
        sim.settle();
        Deployment v1Template = sim.deployment();
        sim.edit(d -> withImage(d, "v2"));
        drive(sim, "v1", "v2");
        String v1 = sim.replicaSetWithImage("v1");
        String v2 = sim.replicaSetWithImage("v2");

        sim.edit(d -> {
            Deployment undone = nextGeneration(d);
            undone.getSpec().setTemplate(copy(v1Template.getSpec().getTemplate()));
            return undone;
        });
        Watch watch = drive(sim, "v2", "v1");

        assertThat(watch.fewestAvailable).isEqualTo(4);
        assertThat(sim.replicaSets()).hasSize(2);
        assertThat(sim.specReplicas()).isEqualTo(Map.of(v1, 4, v2, 0));
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v1", 4L));
        assertThat(sim.replicaSet(v1).getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "3")
                .containsEntry("deployment.kubernetes.io/revision-history", "1");
        assertThat(sim.deployment().getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "3");
    }

    @Test
    void pausedRolloutWaitsAndResumes() {
        RolloutSimulator sim = new RolloutSimulator(rolling(deployment(4), 1, 0));
        sim.settle();

        sim.edit(d -> withImage(paused(d, true), "v2"));
        drive(sim, "v1", "v2");
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v1", 4L));
        assertThat(condition(sim.deployment().getStatus(), "Progressing").getReason()).isEqualTo("DeploymentPaused");

        sim.edit(d -> paused(d, false));
        drive(sim, "v1", "v2");
        assertThat(sim.podsByImage()).isEqualTo(Map.of("v2", 4L));
    }

    @Test
    void historyBeyondTheLimitIsDeletedOnceTheLastRolloutCompletes() {
        Deployment limited = rolling(deployment(2), 1, 0);
        limited.getSpec().setRevisionHistoryLimit(1);
        RolloutSimulator sim = new RolloutSimulator(limited);
        sim.settle();
        for (String image : List.of("v2", "v3", "v4")) {
            sim.edit(d -> withImage(d, image));
            drive(sim, "-", image);
        }

        // The current ReplicaSet (v4) and one old one (the highest revision, v3) are kept.
        assertThat(sim.replicaSets()).extracting(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()).containsExactlyInAnyOrder("coxswain/web:v3", "coxswain/web:v4");
    }
}
