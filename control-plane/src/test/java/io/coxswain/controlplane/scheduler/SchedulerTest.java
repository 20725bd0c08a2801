package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final Scheduler scheduler = Scheduler.withDefaultProfile();

    private ScheduleResult schedule(PodInfo pod, List<ObjectNode> nodes, ObjectNode... boundPods) {
        return scheduler.schedule(pod, ClusterSnapshot.of(nodes, List.of(boundPods)));
    }

    private static ScheduleResult bound(String nodeName) {
        return new ScheduleResult.Bound(nodeName);
    }

    private static ScheduleResult unschedulable(String message) {
        return new ScheduleResult.Unschedulable(message);
    }

    @Test
    void withoutNodesThereIsNowhereToGo() {
        assertThat(schedule(pod("web").info(), List.of()))
                .isEqualTo(unschedulable("no nodes available to schedule pods"));
    }

    @Test
    void reportsEveryNodeShortOfCpuAsKubernetesDoes() {
        List<ObjectNode> nodes = List.of(node("node-a").resources("1", "8Gi", "110").build(),
                node("node-b").resources("1", "8Gi", "110").build(), node("node-c").resources("1", "8Gi", "110").build());

        assertThat(schedule(pod("web").requests("2", "1Gi").info(), nodes))
                .isEqualTo(unschedulable("0/3 nodes are available: 3 Insufficient cpu."));
    }

    @Test
    void mixedReasonsAreCountedAndSortedAsStrings() {
        List<ObjectNode> nodes = List.of(
                node("ssd-1").label("disktype", "ssd").resources("1", "8Gi", "110").build(),
                node("ssd-2").label("disktype", "ssd").resources("1", "8Gi", "110").build(),
                node("hdd-1").label("disktype", "hdd").build(),
                node("hdd-2").label("disktype", "hdd").build(),
                node("gpu-1").label("disktype", "ssd").taint("dedicated", "gpu", "NoSchedule").build());

        assertThat(schedule(pod("web").requests("2", "1Gi").nodeSelector("disktype", "ssd").info(), nodes))
                .isEqualTo(unschedulable("0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
                        + "2 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."));
    }

    @Test
    void countsSortAsTextSoTenFallsBetweenOneAndTwo() {
        List<ObjectNode> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(node("small-" + i).resources("1", "8Gi", "110").build());
        }
        nodes.add(node("cordoned-1").cordoned().build());
        nodes.add(node("cordoned-2").cordoned().build());
        nodes.add(node("gpu-1").taint("dedicated", "gpu", "NoSchedule").build());

        assertThat(schedule(pod("web").requests("2", "1Gi").info(), nodes))
                .isEqualTo(unschedulable("0/13 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
                        + "10 Insufficient cpu, 2 node(s) were unschedulable."));
    }

    @Test
    void aNodeShortOfCpuAndMemoryCountsForBoth() {
        List<ObjectNode> nodes = List.of(node("node-a").resources("1", "1Gi", "110").build(),
                node("node-b").resources("4", "1Gi", "110").build());

        assertThat(schedule(pod("web").requests("2", "2Gi").info(), nodes))
                .isEqualTo(unschedulable("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory."));
    }

    @Test
    void onlyTheFirstFailingFilterSpeaksForANode() {
        List<ObjectNode> nodes = List.of(node("node-a").cordoned().resources("1", "1Gi", "110").build());

        assertThat(schedule(pod("web").requests("2", "2Gi").info(), nodes))
                .isEqualTo(unschedulable("0/1 nodes are available: 1 node(s) were unschedulable."));
    }

    @Test
    void notReadyNodesAreReportedAsTheirTaint() {
        List<ObjectNode> nodes = List.of(node("node-a").ready("False").build(), node("node-b").ready("False").build());

        assertThat(schedule(pod("web").info(), nodes)).isEqualTo(
                unschedulable("0/2 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }."));
    }

    @Test
    void aPodWithANodeSelectorLandsOnTheOnlyMatchingNode() {
        List<ObjectNode> nodes = List.of(node("node-a").build(), node("node-b").label("disktype", "ssd").build(),
                node("node-c").build());

        assertThat(schedule(pod("db").nodeSelector("disktype", "ssd").info(), nodes)).isEqualTo(bound("node-b"));
    }

    @Test
    void spreadsThreeReplicasOfAReplicaSetOverThreeEqualNodes() {
        ClusterSnapshot snapshot = ClusterSnapshot.of(
                List.of(node("node-a").build(), node("node-b").build(), node("node-c").build()), List.of());
        List<String> placements = new ArrayList<>();
        for (String name : List.of("web-7d4b9c-aaaaa", "web-7d4b9c-bbbbb", "web-7d4b9c-ccccc")) {
            PodInfo replica = pod(name).label("app", "web").ownedBy("ReplicaSet", "web-7d4b9c", "rs-web")
                    .requests("100m", "128Mi").info();
            ScheduleResult result = scheduler.schedule(replica, snapshot);
            String nodeName = ((ScheduleResult.Bound) result).nodeName();
            placements.add(nodeName);
            snapshot = snapshot.assume(replica, nodeName);
        }

        assertThat(placements).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    void aReplicaAvoidsTheNodeRunningItsSiblingEvenWhenThatNodeIsLarger() {
        List<ObjectNode> nodes = List.of(node("node-a").resources("8", "16Gi", "110").build(),
                node("node-b").resources("4", "8Gi", "110").build());
        ObjectNode sibling = pod("web-1").label("app", "web").ownedBy("ReplicaSet", "web-7d4b9c", "rs-web")
                .requests("100m", "128Mi").boundTo("node-a").build();
        PodInfo replica = pod("web-2").label("app", "web").ownedBy("ReplicaSet", "web-7d4b9c", "rs-web")
                .requests("100m", "128Mi").info();

        // Both nodes are 97 free by LeastAllocated; without spreading the tie would go to node-a.
        assertThat(schedule(replica, nodes, sibling)).isEqualTo(bound("node-b"));
    }

    @Test
    void prefersTheLeastAllocatedNode() {
        List<ObjectNode> nodes = List.of(node("node-a").build(), node("node-b").build());

        assertThat(schedule(pod("web").requests("500m", "512Mi").info(), nodes,
                pod("batch").requests("3", "6Gi").boundTo("node-a").build()))
                .isEqualTo(bound("node-b"));
    }

    @Test
    void equalNodesAreChosenByNameWhateverTheirOrder() {
        List<ObjectNode> nodes = List.of(node("node-c").build(), node("node-a").build(), node("node-b").build());

        assertThat(schedule(pod("web").info(), nodes)).isEqualTo(bound("node-a"));
    }

    @Test
    void aPodToleratingNoScheduleMayUseTheTaintedNode() {
        List<ObjectNode> nodes = List.of(node("gpu-1").taint("dedicated", "gpu", "NoSchedule").build(),
                node("node-a").resources("1", "8Gi", "110").build());
        PodInfo trainer = pod("trainer").requests("2", "4Gi").spec("tolerations", """
                [{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}]
                """).info();

        assertThat(schedule(trainer, nodes)).isEqualTo(bound("gpu-1"));
        assertThat(schedule(pod("web").requests("2", "4Gi").info(), nodes)).isEqualTo(unschedulable(
                "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}."));
    }

    @Test
    void aPodToleratingEverythingMayUseEveryTaintedNode() {
        List<ObjectNode> nodes = List.of(node("node-a").taint("dedicated", "gpu", "NoSchedule").build(),
                node("node-b").taint("maintenance", null, "NoExecute").build());
        PodInfo daemon = pod("log-agent").spec("tolerations", "[{\"operator\": \"Exists\"}]").info();

        assertThat(schedule(daemon, nodes)).isEqualTo(bound("node-a"));
    }

    @Test
    void anInitContainerLargerThanAnyNodeMakesThePodUnschedulable() {
        List<ObjectNode> nodes = List.of(node("node-a").resources("2", "8Gi", "110").build());
        PodInfo pod = pod("web").requests("500m", "256Mi").initContainer("migrate", "3", "128Mi").info();

        assertThat(schedule(pod, nodes)).isEqualTo(unschedulable("0/1 nodes are available: 1 Insufficient cpu."));
    }

    @Test
    void aHostPortTakenForTheSameProtocolPushesThePodElsewhere() {
        List<ObjectNode> nodes = List.of(node("node-a").build(), node("node-b").build());
        ObjectNode dnsOnA = pod("dns-a").hostPort(53, "UDP").boundTo("node-a").build();

        assertThat(schedule(pod("dns-b").hostPort(53, "UDP").info(), nodes, dnsOnA)).isEqualTo(bound("node-b"));
        assertThat(schedule(pod("dns-tcp").hostPort(53, "TCP").info(), List.of(node("node-a").build()), dnsOnA))
                .isEqualTo(bound("node-a"));
    }

    @Test
    void avoidsPreferNoScheduleTaintsWhenThereIsAChoice() {
        List<ObjectNode> nodes = List.of(node("node-a").taint("spot", "true", "PreferNoSchedule").build(),
                node("node-b").build());

        assertThat(schedule(pod("web").info(), nodes)).isEqualTo(bound("node-b"));
    }

    @Test
    void followsPreferredNodeAffinity() {
        List<ObjectNode> nodes = List.of(node("node-a").build(), node("node-b").label("disktype", "ssd").build());
        PodInfo pod = pod("db").spec("affinity", """
                {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                  {"weight": 50, "preference": {"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]}]}}]}}
                """).info();

        assertThat(schedule(pod, nodes)).isEqualTo(bound("node-b"));
    }

    @Test
    void antiAffinityMakesTheFourthReplicaUnschedulableOnThreeNodes() {
        List<ObjectNode> nodes = List.of(node("node-a").build(), node("node-b").build(), node("node-c").build());
        String antiAffinity = """
                {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                  {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}]}}
                """;
        List<ObjectNode> running = List.of(
                pod("web-1").label("app", "web").spec("affinity", antiAffinity).boundTo("node-a").build(),
                pod("web-2").label("app", "web").spec("affinity", antiAffinity).boundTo("node-b").build(),
                pod("web-3").label("app", "web").spec("affinity", antiAffinity).boundTo("node-c").build());

        assertThat(schedule(pod("web-4").label("app", "web").spec("affinity", antiAffinity).info(), nodes,
                running.toArray(ObjectNode[]::new)))
                .isEqualTo(unschedulable("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."));
    }
}
