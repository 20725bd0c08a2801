package io.coxswain.controlplane.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static ObjectNode node(String ready, String heartbeat, String taints) {
        return Json.parseObject("{\"metadata\":{\"name\":\"n\"},\"spec\":{\"taints\":" + taints + "},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + ready + "\","
                + "\"lastHeartbeatTime\":\"" + heartbeat + "\"}]}}");
    }

    @Test
    void aReadyNodeIsSilentOnlyAfterTheGracePeriod() {
        assertThat(NodeHealth.heartbeatExpired(node("True", "2026-11-27T09:59:30Z", "[]"), NOW,
                Duration.ofSeconds(40))).isFalse();
        assertThat(NodeHealth.heartbeatExpired(node("True", "2026-11-27T09:59:00Z", "[]"), NOW,
                Duration.ofSeconds(40))).isTrue();
        assertThat(NodeHealth.heartbeatExpired(node("Unknown", "2026-11-27T09:00:00Z", "[]"), NOW,
                Duration.ofSeconds(40))).as("already marked").isFalse();
    }

    @Test
    void aRecentLeaseKeepsANodeWithAnOldStatusHeartbeatReady() {
        ObjectNode node = node("True", "2026-11-27T09:50:00Z", "[]");
        Duration grace = Duration.ofSeconds(40);
        assertThat(NodeHealth.heartbeatExpired(node, NOW, grace, Instant.parse("2026-11-27T09:59:50Z"))).isFalse();
        assertThat(NodeHealth.heartbeatExpired(node, NOW, grace, Instant.parse("2026-11-27T09:58:00Z"))).isTrue();
        assertThat(NodeHealth.heartbeatExpired(node("True", "2026-11-27T09:59:50Z", "[]"), NOW, grace,
                Instant.parse("2026-11-27T09:00:00Z"))).as("a fresh status is enough").isFalse();
    }

    @Test
    void aControllerThatJustStartedCountsEveryNodeAsRenewedAtItsStart() {
        NodeLeaseTable leases = new NodeLeaseTable(Instant.parse("2026-11-27T09:59:40Z"));
        leases.renew(java.util.List.of("a"), Instant.parse("2026-11-27T09:59:55Z"));
        assertThat(leases.lastRenewal("a")).isEqualTo(Instant.parse("2026-11-27T09:59:55Z"));
        assertThat(leases.lastRenewal("b")).isEqualTo(Instant.parse("2026-11-27T09:59:40Z"));
        ObjectNode old = node("True", "2026-11-27T09:00:00Z", "[]");
        assertThat(NodeHealth.heartbeatExpired(old, NOW, Duration.ofSeconds(40), leases.lastRenewal("b"))).isFalse();
        assertThat(NodeHealth.heartbeatExpired(old, NOW.plusSeconds(30), Duration.ofSeconds(40),
                leases.lastRenewal("b"))).isTrue();
    }

    @Test
    void anUnknownNodeIsTaintedUnreachableAndLosesTheTaintsWhenReadyAgain() {
        ObjectNode patch = NodeHealth.taintsFor(node("Unknown", "2026-11-27T09:00:00Z", "[]"), NOW).orElseThrow();
        assertThat(patch.at("/spec/taints").findValuesAsText("key"))
                .containsExactly(NodeHealth.UNREACHABLE, NodeHealth.UNREACHABLE);
        assertThat(patch.at("/spec/taints").findValuesAsText("effect")).containsExactly("NoSchedule", "NoExecute");

        String tainted = "[{\"key\":\"node.kubernetes.io/unreachable\",\"effect\":\"NoExecute\"},"
                + "{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]";
        ObjectNode cleared = NodeHealth.taintsFor(node("True", "2026-11-27T10:00:00Z", tainted), NOW).orElseThrow();
        assertThat(cleared.at("/spec/taints").findValuesAsText("key")).containsExactly("dedicated");
        assertThat(NodeHealth.taintsFor(node("True", "2026-11-27T10:00:00Z", "[]"), NOW)).isEmpty();
    }

    @Test
    void podsAreEvictedWhenTheirTolerationRunsOut() {
        ObjectNode node = node("Unknown", "2026-11-27T09:00:00Z",
                "[{\"key\":\"node.kubernetes.io/unreachable\",\"effect\":\"NoExecute\","
                        + "\"timeAdded\":\"2026-11-27T09:59:00Z\"}]");
        ObjectNode tolerates300 = Json.parseObject("{\"spec\":{\"tolerations\":[{\"key\":"
                + "\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\","
                + "\"tolerationSeconds\":300}]}}");
        ObjectNode tolerant = Json.parseObject("{\"spec\":{\"tolerations\":[{\"operator\":\"Exists\"}]}}");
        ObjectNode intolerant = Json.parseObject("{\"spec\":{}}");
        assertThat(NodeHealth.evictionTime(tolerates300, node)).contains(Instant.parse("2026-11-27T10:04:00Z"));
        assertThat(NodeHealth.evictionTime(tolerant, node)).isEmpty();
        assertThat(NodeHealth.evictionTime(intolerant, node)).contains(Instant.parse("2026-11-27T09:59:00Z"));
    }
}
