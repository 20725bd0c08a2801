package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static io.coxswain.controlplane.controllers.daemonset.Plans.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacing old-template pods (Kubernetes' {@code rollingUpdate}) and OnDelete. */
class DaemonSetRollingUpdateTest {

    private static final DaemonSet OLD = daemonSet();

    @Test
    void deletesOnlyAsManyOldPodsAsMaxUnavailable() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString(2), new IntOrString(0));

        List<ControllerAction> plan = DaemonSetPlanner.plan(updated, nodes("a", "b", "c", "d"), oldPods("a", "b", "c", "d"), T0);

        assertThat(deleted(plan)).containsExactly("old-a", "old-b");
        assertThat(creates(plan)).isEmpty();
    }

    @Test
    void maxUnavailablePercentIsOfDesiredPodsRoundedUp() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString("30%"), new IntOrString(0));

        // 30% of 4 nodes is 1.2: two pods may be unavailable.
        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b", "c", "d"), oldPods("a", "b", "c", "d"), T0)))
                .hasSize(2);
    }

    @Test
    void zeroMaxUnavailableWithoutSurgeStillAllowsOne() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString(0), new IntOrString(0));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), oldPods("a", "b", "c"), T0))).hasSize(1);
    }

    @Test
    void anUnavailableNewPodUsesUpTheBudget() {
        DaemonSet updated = withImage(OLD, "v2");
        List<Pod> pods = new ArrayList<>(oldPods("b", "c"));
        pods.add(notReady(runningPod(updated, "new-a", "a", T0)));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), pods, T0))).isEmpty();
    }

    @Test
    void oldPodsThatAreNotAvailableAreReplacedBeyondTheBudget() {
        DaemonSet updated = withImage(OLD, "v2");
        List<Pod> pods = List.of(notReady(runningPod(OLD, "old-a", "a", T0)), notReady(runningPod(OLD, "old-b", "b", T0)),
                runningPod(OLD, "old-c", "c", T0));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), pods, T0)))
                .containsExactlyInAnyOrder("old-a", "old-b");
    }

    @Test
    void aNodeStillWaitingForItsPodCountsAsUnavailable() {
        DaemonSet updated = withImage(OLD, "v2");

        // Node c has a pod of the new template being deleted: no old pod may go meanwhile.
        List<Pod> pods = new ArrayList<>(oldPods("a", "b"));
        pods.add(terminating(runningPod(updated, "new-c", "c", T0), T0));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), pods, T0))).isEmpty();
    }

    @Test
    void minReadySecondsKeepsANewPodUnavailable() {
        DaemonSet updated = withImage(OLD, "v2");
        updated.getSpec().setMinReadySeconds(30);
        List<Pod> pods = new ArrayList<>(oldPods("b"));
        pods.add(runningPod(updated, "new-a", "a", T0.plusSeconds(100)));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b"), pods, T0.plusSeconds(130)))).isEmpty();
        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a", "b"), pods, T0.plusSeconds(131))))
                .containsExactly("old-b");
    }

    @Test
    void surgeCreatesNewPodsNextToOldOnesUpToMaxSurge() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString(0), new IntOrString(2));

        List<ControllerAction> plan = DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), oldPods("a", "b", "c"), T0);

        assertThat(createdOn(plan)).containsExactly("a", "b");
        assertThat(deleted(plan)).isEmpty();
        assertThat(labelsOf(creates(plan).get(0))).containsEntry("controller-revision-hash",
                CurrentRevision.of(updated).hash());
    }

    @Test
    void surgeDeletesTheOldPodOnceTheNewOneIsAvailable() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString(0), new IntOrString(1));
        updated.getSpec().setMinReadySeconds(10);
        List<Pod> pods = List.of(runningPod(OLD, "old-a", "a", T0), runningPod(updated, "new-a", "a", T0.plusSeconds(5)));

        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a"), pods, T0.plusSeconds(10)))).isEmpty();
        assertThat(deleted(DaemonSetPlanner.plan(updated, nodes("a"), pods, T0.plusSeconds(16)))).containsExactly("old-a");
    }

    @Test
    void surgeReplacesAnOldPodThatIsNotReadyAtOnce() {
        DaemonSet updated = withRollingUpdate(withImage(OLD, "v2"), new IntOrString(0), new IntOrString(1));
        List<Pod> pods = List.of(runningPod(OLD, "old-a", "a", T0), notReady(runningPod(updated, "new-a", "a", T0)),
                notReady(runningPod(OLD, "old-b", "b", T0)));

        // Node a surges (new not ready yet); node b's unavailable old pod gets its new pod beyond maxSurge.
        List<ControllerAction> plan = DaemonSetPlanner.plan(updated, nodes("a", "b"), pods, T0);

        assertThat(createdOn(plan)).containsExactly("b");
        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void onDeleteLeavesOldPodsAndGivesNewNodesTheNewTemplate() {
        DaemonSet updated = withImage(OLD, "v2");
        updated.getSpec().setUpdateStrategy(new DaemonSetUpdateStrategy(null, "OnDelete"));

        List<ControllerAction> plan = DaemonSetPlanner.plan(updated, nodes("a", "b", "new"), oldPods("a", "b"), T0);

        assertThat(deleted(plan)).isEmpty();
        assertThat(createdOn(plan)).containsExactly("new");
        assertThat(creates(plan).get(0).object().at("/spec/containers/0/image").asText()).isEqualTo("v2");
    }

    @Test
    void rollingUpdateWaitsWhilePlacementHasWork() {
        DaemonSet updated = withImage(OLD, "v2");

        List<ControllerAction> plan = DaemonSetPlanner.plan(updated, nodes("a", "b", "c"), oldPods("a", "b"), T0);

        assertThat(createdOn(plan)).containsExactly("c");
        assertThat(deleted(plan)).isEmpty();
    }

    private static List<Pod> oldPods(String... nodes) {
        return java.util.Arrays.stream(nodes).map(node -> runningPod(OLD, "old-" + node, node, T0)).toList();
    }
}
