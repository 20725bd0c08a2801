package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaintTolerationScoreTest {

    private final TaintTolerationScore score = new TaintTolerationScore();
    private final NodeInfo clean = NodeInfo.of(node("clean").build(), List.of());
    private final NodeInfo spot = NodeInfo.of(node("spot").taint("spot", "true", "PreferNoSchedule").build(), List.of());
    private final NodeInfo spotAndOld = NodeInfo.of(node("spot-old").taint("spot", "true", "PreferNoSchedule")
            .taint("legacy-kernel", null, "PreferNoSchedule").build(), List.of());

    private long[] normalizedScores(PodInfo pod, NodeInfo... nodes) {
        long[] raw = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            raw[i] = score.score(pod, nodes[i], ClusterSnapshot.empty());
        }
        return score.normalize(raw);
    }

    @Test
    void fewerIntolerablePreferNoScheduleTaintsScoreHigher() {
        assertThat(normalizedScores(pod("web").info(), clean, spot, spotAndOld)).containsExactly(100, 50, 0);
    }

    @Test
    void toleratedTaintsDoNotCount() {
        PodInfo spotTolerant = pod("batch").spec("tolerations",
                "[{\"key\": \"spot\", \"operator\": \"Exists\", \"effect\": \"PreferNoSchedule\"}]").info();

        assertThat(normalizedScores(spotTolerant, clean, spot)).containsExactly(100, 100);
    }

    @Test
    void aTolerationForAnotherEffectDoesNotSoftenPreferNoSchedule() {
        PodInfo noScheduleOnly = pod("batch").spec("tolerations",
                "[{\"key\": \"spot\", \"operator\": \"Exists\", \"effect\": \"NoSchedule\"}]").info();

        assertThat(normalizedScores(noScheduleOnly, clean, spot)).containsExactly(100, 0);
    }
}
