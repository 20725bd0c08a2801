package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorSpreadTest {

    private final SelectorSpread spread = new SelectorSpread();

    private long[] normalizedScores(PodInfo pod, NodeInfo... nodes) {
        long[] raw = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            raw[i] = spread.score(pod, nodes[i], ClusterSnapshot.empty());
        }
        return spread.normalize(raw);
    }

    private static PodInfo replica(String name) {
        return pod(name).label("app", "web").ownedBy("ReplicaSet", "web-7d4b9c", "rs-web").info();
    }

    @Test
    void fewerReplicasOfTheSameOwnerScoreHigher() {
        NodeInfo two = NodeInfo.of(node("node-a").build(), List.of(replica("web-1"), replica("web-2")));
        NodeInfo one = NodeInfo.of(node("node-b").build(), List.of(replica("web-3")));
        NodeInfo none = NodeInfo.of(node("node-c").build(), List.of());

        assertThat(normalizedScores(replica("web-4"), two, one, none)).containsExactly(0, 50, 100);
    }

    @Test
    void podsOfAnotherOwnerDoNotCount() {
        PodInfo otherOwner = pod("api-1").label("app", "web").ownedBy("ReplicaSet", "api-5f6", "rs-api").info();
        NodeInfo node = NodeInfo.of(node("node-a").build(), List.of(otherOwner));

        assertThat(spread.score(replica("web-1"), node, ClusterSnapshot.empty())).isZero();
    }

    @Test
    void podsWithoutAnOwnerSpreadByTheirLabels() {
        NodeInfo withTwin = NodeInfo.of(node("node-a").build(),
                List.of(pod("batch-1").label("app", "batch").label("run", "7").info()));
        NodeInfo withOther = NodeInfo.of(node("node-b").build(), List.of(pod("web-1").label("app", "web").info()));

        assertThat(normalizedScores(pod("batch-2").label("app", "batch").info(), withTwin, withOther))
                .containsExactly(0, 100);
    }

    @Test
    void withoutSiblingsAnywhereEveryNodeScoresTheMaximum() {
        NodeInfo a = NodeInfo.of(node("node-a").build(), List.of());
        NodeInfo b = NodeInfo.of(node("node-b").build(), List.of());

        assertThat(normalizedScores(replica("web-1"), a, b)).containsExactly(100, 100);
    }
}
