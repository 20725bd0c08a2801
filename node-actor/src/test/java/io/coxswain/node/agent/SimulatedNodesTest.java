package io.coxswain.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedNodesTest {
    private static final NodeDescription HOST = new NodeDescription("worker-3", "2", "8Gi", 110, "process",
            "Debian", "6.1", "amd64", Map.of(), List.of(), "");
    private static final NodeSettings.Simulated SETTINGS = new NodeSettings.Simulated("32", "256Gi", 110,
            Duration.ofMinutes(5), Duration.ZERO);

    @Test
    void namesArePaddedSoTheySortInOrder() {
        assertThat(SimulatedNodes.names("worker-3", 3))
                .containsExactly("worker-3-sim-000", "worker-3-sim-001", "worker-3-sim-002");
        List<String> many = SimulatedNodes.names("w", 1500);
        assertThat(many).hasSize(1500).startsWith("w-sim-0000").endsWith("w-sim-1499");
        assertThat(many).isSorted();
        assertThat(SimulatedNodes.names("w", 0)).isEmpty();
    }

    @Test
    void everyVirtualNodeHasItsOwnPodRange() {
        assertThat(SimulatedNodes.podCidr(0)).isEqualTo("10.128.0.0/24");
        assertThat(SimulatedNodes.podCidr(255)).isEqualTo("10.128.255.0/24");
        assertThat(SimulatedNodes.podCidr(256)).isEqualTo("10.129.0.0/24");
        assertThat(SimulatedNodes.podCidr(SimulatedNodes.MAX - 1)).isEqualTo("10.255.255.0/24");
        assertThatThrownBy(() -> SimulatedNodes.podCidr(SimulatedNodes.MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVirtualNodeIsLabelledTaintedAndReportsItsOwnCapacity() {
        NodeDescription node = SimulatedNodes.describe(HOST, "worker-3-sim-007", 7, SETTINGS);
        ObjectNode created = node.node();
        assertThat(created.at("/metadata/name").asText()).isEqualTo("worker-3-sim-007");
        assertThat(created.at("/metadata/labels/coxswain.io~1simulated").asText()).isEqualTo("true");
        assertThat(created.at("/metadata/labels/kubernetes.io~1hostname").asText()).isEqualTo("worker-3-sim-007");
        assertThat(created.at("/spec/podCIDR").asText()).isEqualTo("10.128.7.0/24");
        assertThat(created.at("/spec/taints/0/key").asText()).isEqualTo("coxswain.io/simulated");
        assertThat(created.at("/spec/taints/0/value").asText()).isEqualTo("true");
        assertThat(created.at("/spec/taints/0/effect").asText()).isEqualTo("NoSchedule");

        ObjectNode status = node.statusPatch(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(status.at("/status/capacity/cpu").asText()).isEqualTo("32");
        assertThat(status.at("/status/allocatable/memory").asText()).isEqualTo("256Gi");
        assertThat(status.at("/status/nodeInfo/containerRuntimeVersion").asText()).isEqualTo("simulated://coxswain");
        assertThat(status.at("/status/nodeInfo/architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void aMachinesOwnNodeHasNoSpecOfItsOwn() {
        assertThat(HOST.node().has("spec")).isFalse();
        assertThat(HOST.node().at("/metadata/labels").has("coxswain.io/simulated")).isFalse();
    }
}
