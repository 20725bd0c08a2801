package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {

    private final NodeUnschedulable filter = new NodeUnschedulable();
    private final NodeInfo cordoned = NodeInfo.of(node("node-a").cordoned().build(), List.of());

    @Test
    void aSchedulableNodeTakesPods() {
        NodeInfo node = NodeInfo.of(node("node-a").build(), List.of());

        assertThat(filter.filter(pod("web").info(), node, ClusterSnapshot.empty())).isEmpty();
    }

    @Test
    void aCordonedNodeRefusesPods() {
        assertThat(filter.filter(pod("web").info(), cordoned, ClusterSnapshot.empty()))
                .containsExactly("node(s) were unschedulable");
    }

    @Test
    void aPodToleratingTheUnschedulableTaintMayStillGoThere() {
        PodInfo daemon = pod("node-exporter").spec("tolerations", """
                [{"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"}]
                """).info();

        assertThat(filter.filter(daemon, cordoned, ClusterSnapshot.empty())).isEmpty();
    }
}
