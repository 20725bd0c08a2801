package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAffinityScoreTest {

    private final NodeAffinityScore score = new NodeAffinityScore();

    @Test
    void theNodeMatchingTheHeaviestPreferencesScoresHighest() {
        PodInfo pod = pod("web").spec("affinity", """
                {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                  {"weight": 80, "preference": {"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]}]}},
                  {"weight": 20, "preference": {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-1a"]}]}}
                ]}}
                """).info();
        NodeInfo both = NodeInfo.of(node("both").label("disktype", "ssd")
                .label("topology.kubernetes.io/zone", "eu-1a").build(), List.of());
        NodeInfo ssd = NodeInfo.of(node("ssd").label("disktype", "ssd").build(), List.of());
        NodeInfo zone = NodeInfo.of(node("zone").label("topology.kubernetes.io/zone", "eu-1a").build(), List.of());
        NodeInfo neither = NodeInfo.of(node("neither").build(), List.of());

        long[] raw = {score.score(pod, both, ClusterSnapshot.empty()), score.score(pod, ssd, ClusterSnapshot.empty()),
                score.score(pod, zone, ClusterSnapshot.empty()), score.score(pod, neither, ClusterSnapshot.empty())};

        assertThat(raw).containsExactly(100, 80, 20, 0);
        assertThat(score.normalize(new long[] {80, 20, 0})).containsExactly(100, 25, 0);
    }

    @Test
    void withoutPreferencesEveryNodeScoresZero() {
        NodeInfo node = NodeInfo.of(node("node-a").build(), List.of());

        assertThat(score.score(pod("web").info(), node, ClusterSnapshot.empty())).isZero();
        assertThat(score.normalize(new long[] {0, 0})).containsExactly(0, 0);
    }
}
