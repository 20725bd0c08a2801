package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning again and again on the state the last plan produced ends with nothing left to do. */
class DaemonSetConvergenceTest {

    @Test
    void followsNodesJoiningAndLeaving() {
        SimulatedCluster cluster = new SimulatedCluster(daemonSet(), nodes("a", "b"));
        cluster.converge();
        assertThat(cluster.placement().values()).containsExactlyInAnyOrder("a", "b");
        assertThat(columns(cluster.status())).containsExactly(2, 2, 2, 2, 2);

        cluster.addNode(node("c"));
        cluster.removeNode("a");
        cluster.converge();

        assertThat(cluster.placement().values()).containsExactlyInAnyOrder("b", "c");
        assertThat(columns(cluster.status())).containsExactly(2, 2, 2, 2, 2);
        assertThat(cluster.status().getNumberMisscheduled()).isZero();
    }

    @Test
    void nodeLosingItsLabelLosesItsPod() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setNodeSelector(java.util.Map.of("agent", "yes"));
        SimulatedCluster cluster = new SimulatedCluster(ds, List.of(labelled(node("a"), "agent", "yes"),
                labelled(node("b"), "agent", "yes")));
        cluster.converge();

        cluster.addNode(node("b"));
        cluster.converge();

        assertThat(cluster.placement().values()).containsExactly("a");
        assertThat(columns(cluster.status())).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void rollingUpdateReachesEveryNodeWithinMaxUnavailable() {
        DaemonSet old = withRollingUpdate(daemonSet(), new IntOrString(2), new IntOrString(0));
        SimulatedCluster cluster = new SimulatedCluster(old, nodes("a", "b", "c", "d", "e"));
        cluster.converge();

        DaemonSet updated = withImage(old, "v2");
        cluster.update(updated);
        cluster.converge();

        assertThat(cluster.mostUnavailable()).isEqualTo(2);
        assertThat(cluster.pods()).hasSize(5).allSatisfy(pod ->
                assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("v2"));
        assertThat(columns(cluster.status())).containsExactly(5, 5, 5, 5, 5);
        assertThat(cluster.status().getObservedGeneration()).isEqualTo(2);
    }

    @Test
    void surgeUpdateNeverLeavesANodeWithoutAnAvailablePod() {
        DaemonSet old = withRollingUpdate(daemonSet(), new IntOrString(0), new IntOrString("50%"));
        old.getSpec().setMinReadySeconds(7);
        SimulatedCluster cluster = new SimulatedCluster(old, nodes("a", "b", "c", "d"));
        cluster.converge();

        cluster.update(withImage(old, "v2"));
        cluster.converge();

        assertThat(cluster.mostUnavailable()).isZero();
        assertThat(cluster.pods()).hasSize(4).allSatisfy(pod ->
                assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("v2"));
        assertThat(columns(cluster.status())).containsExactly(4, 4, 4, 4, 4);
    }

    @Test
    void failedPodIsReplaced() {
        SimulatedCluster cluster = new SimulatedCluster(daemonSet(), nodes("a"));
        cluster.converge();
        String first = cluster.pods().get(0).getMetadata().getName();

        cluster.replacePod(inPhase(cluster.pods().get(0), "Failed"));
        cluster.converge();

        assertThat(cluster.pods()).singleElement().satisfies(pod -> {
            assertThat(pod.getMetadata().getName()).isNotEqualTo(first);
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
        assertThat(cluster.events()).extracting(ControllerAction.RecordEvent::reason).contains("FailedDaemonPod");
    }

    /** DESIRED, CURRENT, READY, UP-TO-DATE, AVAILABLE. */
    private static List<Integer> columns(DaemonSetStatus status) {
        return List.of(status.getDesiredNumberScheduled(), status.getCurrentNumberScheduled(), status.getNumberReady(),
                status.getUpdatedNumberScheduled(), status.getNumberAvailable());
    }
}
