package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeastAllocatedTest {

    private final LeastAllocated score = new LeastAllocated();

    private long scoreOf(PodInfo pod, NodeInfo node) {
        return score.score(pod, node, ClusterSnapshot.empty());
    }

    @Test
    void scoresTheAverageFreeShareAfterPlacingThePod() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("4", "8Gi", "110").build(), List.of());

        // cpu: (4000 - 1000) / 4000 = 75; memory: (8Gi - 4Gi) / 8Gi = 50.
        assertThat(scoreOf(pod("web").requests("1", "4Gi").info(), node)).isEqualTo(62);
    }

    @Test
    void prefersTheEmptierNode() {
        NodeInfo busy = NodeInfo.of(node("busy").build(), List.of(pod("old").requests("3", "6Gi").info()));
        NodeInfo idle = NodeInfo.of(node("idle").build(), List.of(pod("small").requests("500m", "1Gi").info()));
        PodInfo pod = pod("web").requests("500m", "512Mi").info();

        assertThat(scoreOf(pod, idle)).isGreaterThan(scoreOf(pod, busy));
    }

    @Test
    void podsWithoutRequestsStillMakeANodeLessAttractive() {
        NodeInfo empty = NodeInfo.of(node("empty").build(), List.of());
        NodeInfo withBestEffortPods = NodeInfo.of(node("used").build(),
                List.of(pod("a").info(), pod("b").info(), pod("c").info()));

        assertThat(scoreOf(pod("web").info(), empty)).isGreaterThan(scoreOf(pod("web").info(), withBestEffortPods));
    }

    @Test
    void anOvercommittedResourceScoresZero() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("1", "8Gi", "110").build(), List.of());

        // cpu over-requested: 0; memory (8Gi - 2Gi) / 8Gi = 75.
        assertThat(scoreOf(pod("web").requests("2", "2Gi").info(), node)).isEqualTo(37);
    }
}
