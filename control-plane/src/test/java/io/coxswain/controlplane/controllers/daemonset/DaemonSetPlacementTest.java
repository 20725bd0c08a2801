package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static io.coxswain.controlplane.controllers.daemonset.Plans.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which nodes get a daemon pod, and which pods go (Kubernetes' {@code manage}). */
class DaemonSetPlacementTest {

    @Test
    void createsOnePodForEveryNode() {
        List<ControllerAction> plan = DaemonSetPlanner.plan(daemonSet(), nodes("a", "b", "c"), List.of(), T0);

        assertThat(createdOn(plan)).containsExactly("a", "b", "c");
        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void leavesOutNodesThatDoNotMatchTheNodeSelector() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disk", "ssd"));
        List<Node> nodes = List.of(labelled(node("a"), "disk", "ssd"), node("b"), labelled(node("c"), "disk", "hdd"));

        assertThat(createdOn(DaemonSetPlanner.plan(ds, nodes, List.of(), T0))).containsExactly("a");
    }

    @Test
    void leavesOutNodesOutsideTheRequiredNodeAffinity() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setAffinity(requiredLabel("zone", "In", "east"));
        List<Node> nodes = List.of(labelled(node("a"), "zone", "west"), labelled(node("b"), "zone", "east"));

        assertThat(createdOn(DaemonSetPlanner.plan(ds, nodes, List.of(), T0))).containsExactly("b");
    }

    @Test
    void leavesOutNodesTheTemplateDoesNotName() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setNodeName("b");

        assertThat(createdOn(DaemonSetPlanner.plan(ds, nodes("a", "b"), List.of(), T0))).containsExactly("b");
    }

    @Test
    void keepsOffNodesWithUntoleratedNoScheduleOrNoExecuteTaints() {
        List<Node> nodes = List.of(tainted(node("a"), "dedicated", "NoSchedule"),
                tainted(node("b"), "dedicated", "NoExecute"), tainted(node("c"), "dedicated", "PreferNoSchedule"));

        assertThat(createdOn(DaemonSetPlanner.plan(daemonSet(), nodes, List.of(), T0))).containsExactly("c");
    }

    @Test
    void runsOnTaintedNodesTheTemplateTolerates() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setTolerations(List.of(
                new io.fabric8.kubernetes.api.model.Toleration("", "dedicated", "Exists", null, null)));
        List<Node> nodes = List.of(tainted(node("a"), "dedicated", "NoSchedule"), tainted(node("b"), "dedicated", "NoExecute"));

        assertThat(createdOn(DaemonSetPlanner.plan(ds, nodes, List.of(), T0))).containsExactly("a", "b");
    }

    @Test
    void runsOnCordonedNotReadyAndPressuredNodes() {
        Node cordoned = tainted(node("cordoned"), "node.kubernetes.io/unschedulable", "NoSchedule");
        cordoned.getSpec().setUnschedulable(true);
        List<Node> nodes = List.of(cordoned,
                tainted(node("not-ready"), "node.kubernetes.io/not-ready", "NoExecute"),
                tainted(node("unreachable"), "node.kubernetes.io/unreachable", "NoExecute"),
                tainted(node("disk"), "node.kubernetes.io/disk-pressure", "NoSchedule"),
                tainted(node("memory"), "node.kubernetes.io/memory-pressure", "NoSchedule"),
                tainted(node("pid"), "node.kubernetes.io/pid-pressure", "NoSchedule"));

        assertThat(createdOn(DaemonSetPlanner.plan(daemonSet(), nodes, List.of(), T0)))
                .containsExactlyInAnyOrder("cordoned", "not-ready", "unreachable", "disk", "memory", "pid");
    }

    @Test
    void onlyHostNetworkPodsGoToNodesWithoutNetwork() {
        List<Node> nodes = List.of(tainted(node("a"), "node.kubernetes.io/network-unavailable", "NoSchedule"));
        DaemonSet hostNetwork = daemonSet();
        hostNetwork.getSpec().getTemplate().getSpec().setHostNetwork(true);

        assertThat(createdOn(DaemonSetPlanner.plan(daemonSet(), nodes, List.of(), T0))).isEmpty();
        assertThat(createdOn(DaemonSetPlanner.plan(hostNetwork, nodes, List.of(), T0))).containsExactly("a");
    }

    @Test
    void keepsARunningPodOnANodeTaintedNoScheduleAfterwards() {
        DaemonSet ds = daemonSet();
        Pod running = runningPod(ds, "agent-1", "a", T0);
        List<Node> nodes = List.of(tainted(node("a"), "dedicated", "NoSchedule"));

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes, List.of(running), T0);

        assertThat(deleted(plan)).isEmpty();
        assertThat(createdOn(plan)).isEmpty();
    }

    @Test
    void evictsThePodFromANodeTaintedNoExecute() {
        DaemonSet ds = daemonSet();
        Pod running = runningPod(ds, "agent-1", "a", T0);
        List<Node> nodes = List.of(tainted(node("a"), "dedicated", "NoExecute"));

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes, List.of(running), T0);

        assertThat(deleted(plan)).containsExactly("agent-1");
    }

    @Test
    void deletesThePodOfANodeNoLongerMatchingTheSelector() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disk", "ssd"));
        Pod running = runningPod(ds, "agent-1", "a", T0);

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(running), T0);

        assertThat(deleted(plan)).containsExactly("agent-1");
        ControllerAction.Delete delete = (ControllerAction.Delete) plan.stream()
                .filter(ControllerAction.Delete.class::isInstance).findFirst().orElseThrow();
        assertThat(delete.uid()).isEqualTo("uid-agent-1");
        assertThat(delete.namespace()).isEqualTo(NAMESPACE);
    }

    @Test
    void deletesPodsOfNodesThatLeftTheCluster() {
        DaemonSet ds = daemonSet();
        Pod bound = runningPod(ds, "agent-1", "gone", T0);
        Pod pending = DaemonSetFixtures.created(new ControllerAction.Create(io.coxswain.protocol.resource.ResourceTypes.POD,
                new DaemonPodFactory(ds, CurrentRevision.of(ds)).podFor("gone-too")), "agent-2", T0);

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(bound, pending), T0);

        assertThat(deleted(plan)).containsExactlyInAnyOrder("agent-1", "agent-2");
        assertThat(createdOn(plan)).containsExactly("a");
    }

    @Test
    void keepsTheOldestOfSeveralPodsOnANode() {
        DaemonSet ds = daemonSet();
        Pod oldest = runningPod(ds, "agent-b", "a", T0);
        Pod newer = runningPod(ds, "agent-a", "a", T0.plusSeconds(1));
        Pod newest = runningPod(ds, "agent-c", "a", T0.plusSeconds(2));

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(newest, oldest, newer), T0.plusSeconds(3));

        assertThat(deleted(plan)).containsExactlyInAnyOrder("agent-a", "agent-c");
    }

    @Test
    void prefersABoundPodOverAnOlderPendingOne() {
        DaemonSet ds = daemonSet();
        Pod pendingOlder = DaemonSetFixtures.created(new ControllerAction.Create(io.coxswain.protocol.resource.ResourceTypes.POD,
                new DaemonPodFactory(ds, CurrentRevision.of(ds)).podFor("a")), "agent-1", T0);
        Pod boundNewer = runningPod(ds, "agent-2", "a", T0.plusSeconds(1));

        assertThat(deleted(DaemonSetPlanner.plan(ds, nodes("a"), List.of(pendingOlder, boundNewer), T0)))
                .containsExactly("agent-1");
    }

    @Test
    void deletesAFailedPodWithAWarningAndReplacesItNextRound() {
        DaemonSet ds = daemonSet();
        Pod failed = inPhase(runningPod(ds, "agent-1", "a", T0), "Failed");

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(failed), T0);

        assertThat(deleted(plan)).containsExactly("agent-1");
        assertThat(createdOn(plan)).isEmpty();
        assertThat(events(plan)).contains(new ControllerAction.RecordEvent("Warning", "FailedDaemonPod",
                "Found failed daemon pod default/agent-1 on node a, will try to kill it"));
        assertThat(createdOn(DaemonSetPlanner.plan(ds, nodes("a"), List.of(), T0))).containsExactly("a");
    }

    @Test
    void deletesASucceededPod() {
        DaemonSet ds = daemonSet();
        Pod succeeded = inPhase(runningPod(ds, "agent-1", "a", T0), "Succeeded");

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(succeeded), T0);

        assertThat(deleted(plan)).containsExactly("agent-1");
        assertThat(events(plan)).extracting(ControllerAction.RecordEvent::reason).contains("SucceededDaemonPod");
    }

    @Test
    void waitsForATerminatingPodToGoBeforeCreatingItsSuccessor() {
        DaemonSet ds = daemonSet();
        Pod leaving = terminating(runningPod(ds, "agent-1", "a", T0), T0);

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), List.of(leaving), T0);

        assertThat(createdOn(plan)).isEmpty();
        assertThat(deleted(plan)).isEmpty();
    }

    @Test
    void doesNothingForADaemonSetBeingDeleted() {
        DaemonSet ds = daemonSet();
        ds.getMetadata().setDeletionTimestamp(T0.toString());

        assertThat(DaemonSetPlanner.plan(ds, nodes("a"), List.of(), T0)).isEmpty();
    }

    @Test
    void refusesAnEmptySelectorWithAWarning() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getSelector().setMatchLabels(Map.of());

        assertThat(DaemonSetPlanner.plan(ds, nodes("a"), List.of(), T0)).containsExactly(new ControllerAction.RecordEvent(
                "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required."));
    }

    @Test
    void createsAtMostTheBurstLimitPerRound() {
        List<Node> many = java.util.stream.IntStream.range(0, DaemonSetPlanner.BURST_REPLICAS + 5)
                .mapToObj(i -> node("n" + i)).toList();

        assertThat(creates(DaemonSetPlanner.plan(daemonSet(), many, List.of(), T0))).hasSize(DaemonSetPlanner.BURST_REPLICAS);
    }

    static io.fabric8.kubernetes.api.model.Affinity requiredLabel(String key, String operator, String value) {
        var term = new io.fabric8.kubernetes.api.model.NodeSelectorTerm(
                List.of(new NodeSelectorRequirement(key, operator, List.of(value))), List.of());
        var affinity = new io.fabric8.kubernetes.api.model.Affinity();
        affinity.setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinity(null,
                new io.fabric8.kubernetes.api.model.NodeSelector(List.of(term))));
        return affinity;
    }
}
