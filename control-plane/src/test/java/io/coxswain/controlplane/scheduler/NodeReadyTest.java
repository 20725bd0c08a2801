package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeReadyTest {

    private final NodeReady filter = new NodeReady();

    private List<String> reasons(PodInfo pod, NodeInfo node) {
        return filter.filter(pod, node, ClusterSnapshot.empty());
    }

    @Test
    void aReadyNodeTakesPods() {
        assertThat(reasons(pod("web").info(), NodeInfo.of(node("node-a").build(), List.of()))).isEmpty();
    }

    @Test
    void aNotReadyNodeReadsAsItsNotReadyTaint() {
        NodeInfo node = NodeInfo.of(node("node-a").ready("False").build(), List.of());

        // The default NoExecute tolerations every pod gets do not cover the NoSchedule taint.
        assertThat(reasons(pod("web").info(), node))
                .containsExactly("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
    }

    @Test
    void aNodeThatStoppedReportingReadsAsUnreachable() {
        NodeInfo node = NodeInfo.of(node("node-a").ready("Unknown").build(), List.of());

        assertThat(reasons(pod("web").info(), node))
                .containsExactly("node(s) had untolerated taint {node.kubernetes.io/unreachable: }");
    }

    @Test
    void aNodeWithoutConditionsIsNotReadyYet() {
        var object = node("node-a").build();
        Json.child(object, "status").remove("conditions");

        assertThat(reasons(pod("web").info(), NodeInfo.of(object, List.of())))
                .containsExactly("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
    }

    @Test
    void aPodToleratingNotReadyMayGoThere() {
        NodeInfo node = NodeInfo.of(node("node-a").ready("False").build(), List.of());
        PodInfo cni = pod("cni").spec("tolerations", """
                [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoSchedule"}]
                """).info();

        assertThat(reasons(cni, node)).isEmpty();
    }
}
