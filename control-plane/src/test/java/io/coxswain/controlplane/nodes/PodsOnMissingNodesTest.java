package io.coxswain.controlplane.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodsOnMissingNodesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration QUARANTINE = Duration.ofSeconds(40);

    private static ObjectNode pod(String nodeName, String created, String phase) {
        return Json.parseObject("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"" + created + "\"},"
                + "\"spec\":{\"nodeName\":\"" + nodeName + "\"},\"status\":{\"phase\":\"" + phase + "\"}}");
    }

    @Test
    void aPodOnANodeThatStaysMissingFailsWithTheReason() {
        ObjectNode pod = pod("ghost", "2026-11-27T09:59:00Z", "Pending");

        assertThat(PodsOnMissingNodes.isOrphaned(pod, Set.of("worker-1"), NOW, QUARANTINE)).isTrue();
        ObjectNode status = (ObjectNode) PodsOnMissingNodes.failedStatus(pod).get("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("reason").asText()).isEqualTo("NodeNotFound");
        assertThat(status.path("message").asText()).isEqualTo("Pod was bound to node \"ghost\", which does not exist");
    }

    @Test
    void youngPodsExistingNodesUnboundAndFinishedPodsAreLeftAlone() {
        assertThat(PodsOnMissingNodes.isOrphaned(pod("ghost", "2026-11-27T09:59:50Z", "Pending"), Set.of(), NOW,
                QUARANTINE)).isFalse();
        assertThat(PodsOnMissingNodes.isOrphaned(pod("worker-1", "2026-11-27T09:00:00Z", "Running"),
                Set.of("worker-1"), NOW, QUARANTINE)).isFalse();
        assertThat(PodsOnMissingNodes.isOrphaned(pod("", "2026-11-27T09:00:00Z", "Pending"), Set.of(), NOW,
                QUARANTINE)).isFalse();
        assertThat(PodsOnMissingNodes.isOrphaned(pod("ghost", "2026-11-27T09:00:00Z", "Failed"), Set.of(), NOW,
                QUARANTINE)).isFalse();
    }
}
