package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeInfoTest {

    @Test
    void offersItsAllocatableResources() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("8", "16Gi", "110").allocatable("7800m", "15Gi", "100")
                .build(), List.of());

        assertThat(node.allocatable()).isEqualTo(new Resources(7800, 15L * 1024 * 1024 * 1024));
        assertThat(node.allowedPods()).isEqualTo(100);
    }

    @Test
    void fallsBackToCapacityWithoutAllocatable() {
        NodeInfo node = NodeInfo.of(node("node-a").capacityOnly("2", "4Gi", "20").build(), List.of());

        assertThat(node.allocatable()).isEqualTo(new Resources(2000, 4L * 1024 * 1024 * 1024));
        assertThat(node.allowedPods()).isEqualTo(20);
    }

    @Test
    void sumsTheRequestsAndHostPortsOfItsPods() {
        NodeInfo node = NodeInfo.of(node("node-a").build(), List.of(
                pod("web-1").requests("500m", "256Mi").hostPort(8080, "TCP").info(),
                pod("web-2").requests("250m", "128Mi").initContainer("migrate", "1", "64Mi").info()));

        assertThat(node.requested()).isEqualTo(new Resources(1500, 384L * 1024 * 1024));
        assertThat(node.usedPorts()).containsExactly(new HostPort("0.0.0.0", "TCP", 8080));
    }

    @Test
    void readsTheReadyCondition() {
        assertThat(NodeInfo.of(node("a").build(), List.of()).readiness()).isEqualTo(NodeInfo.Readiness.READY);
        assertThat(NodeInfo.of(node("b").ready("False").build(), List.of()).readiness())
                .isEqualTo(NodeInfo.Readiness.NOT_READY);
        assertThat(NodeInfo.of(node("c").ready("Unknown").build(), List.of()).readiness())
                .isEqualTo(NodeInfo.Readiness.UNKNOWN);
    }

    @Test
    void aNodeWithoutTheHostnameLabelIsItsOwnHostnameDomain() {
        NodeInfo node = NodeInfo.of(node("node-a").withoutLabel(NodeInfo.HOSTNAME_LABEL).build(), List.of());

        assertThat(node.topologyValue(NodeInfo.HOSTNAME_LABEL)).contains("node-a");
        assertThat(node.topologyValue("topology.kubernetes.io/zone")).isEmpty();
    }

    @Test
    void snapshotLeavesOutPendingAndFinishedPods() {
        ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("node-a").build()), List.of(
                pod("running").requests("1", "1Gi").boundTo("node-a").build(),
                pod("done").requests("1", "1Gi").boundTo("node-a").phase("Succeeded").build(),
                pod("pending").requests("1", "1Gi").build(),
                pod("elsewhere").requests("1", "1Gi").boundTo("node-gone").build()));

        assertThat(snapshot.node("node-a").orElseThrow().pods()).extracting(PodInfo::name).containsExactly("running");
    }

    @Test
    void assumingABindingCountsThePodOnItsNode() {
        ClusterSnapshot before = ClusterSnapshot.of(List.of(node("node-a").build(), node("node-b").build()), List.of());
        ClusterSnapshot after = before.assume(pod("web-1").requests("1", "1Gi").info(), "node-b");

        assertThat(after.node("node-b").orElseThrow().requested()).isEqualTo(new Resources(1000, 1024L * 1024 * 1024));
        assertThat(before.node("node-b").orElseThrow().pods()).isEmpty();
        assertThat(after.nodes()).extracting(NodeInfo::name).containsExactly("node-a", "node-b");
    }
}
