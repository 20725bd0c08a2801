package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodePortsTest {

    private static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    private final NodePorts filter = new NodePorts();
    private final NodeInfo nodeWithDns = NodeInfo.of(node("node-a").build(),
            List.of(pod("dns").hostPort(53, "UDP").info()));

    private List<String> reasons(PodInfo pod, NodeInfo node) {
        return filter.filter(pod, node, ClusterSnapshot.empty());
    }

    @Test
    void theSamePortAndProtocolConflict() {
        assertThat(reasons(pod("dns-2").hostPort(53, "UDP").info(), nodeWithDns)).containsExactly(REASON);
    }

    @Test
    void theSamePortWithAnotherProtocolDoesNotConflict() {
        assertThat(reasons(pod("dns-tcp").hostPort(53, "TCP").info(), nodeWithDns)).isEmpty();
    }

    @Test
    void anotherPortDoesNotConflict() {
        assertThat(reasons(pod("web").hostPort(8080, "TCP").info(), nodeWithDns)).isEmpty();
    }

    @Test
    void distinctHostAddressesShareAPortButAllAddressesOverlapsEveryOne() {
        NodeInfo node = NodeInfo.of(node("node-a").build(), List.of(pod("internal").spec("containers", """
                [{"name": "app", "image": "nginx:1.27",
                  "ports": [{"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.5", "protocol": "TCP"}]}]
                """).info()));
        PodInfo otherAddress = pod("public").spec("containers", """
                [{"name": "app", "image": "nginx:1.27",
                  "ports": [{"containerPort": 80, "hostPort": 80, "hostIP": "192.168.1.5", "protocol": "TCP"}]}]
                """).info();

        assertThat(reasons(otherAddress, node)).isEmpty();
        assertThat(reasons(pod("everywhere").hostPort(80, "TCP").info(), node)).containsExactly(REASON);
    }
}
