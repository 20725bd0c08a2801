package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNameTest {

    private final NodeName filter = new NodeName();
    private final NodeInfo nodeA = NodeInfo.of(node("node-a").build(), List.of());

    @Test
    void aPodWithoutNodeNameFitsAnyNode() {
        assertThat(filter.filter(pod("web").info(), nodeA, ClusterSnapshot.empty())).isEmpty();
    }

    @Test
    void aPodNamingTheNodeFitsIt() {
        PodInfo pod = pod("web").spec("nodeName", "\"node-a\"").info();

        assertThat(filter.filter(pod, nodeA, ClusterSnapshot.empty())).isEmpty();
    }

    @Test
    void aPodNamingAnotherNodeDoesNotFit() {
        PodInfo pod = pod("web").spec("nodeName", "\"node-b\"").info();

        assertThat(filter.filter(pod, nodeA, ClusterSnapshot.empty()))
                .containsExactly("node(s) didn't match the requested node name");
    }
}
