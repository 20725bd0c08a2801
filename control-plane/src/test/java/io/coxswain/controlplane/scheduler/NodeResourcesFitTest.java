package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {

    private final NodeResourcesFit fit = new NodeResourcesFit();

    private List<String> reasons(PodInfo pod, NodeInfo node) {
        return fit.filter(pod, node, ClusterSnapshot.empty());
    }

    @Test
    void podFitsIntoWhatIsLeft() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("2", "4Gi", "110").build(),
                List.of(pod("existing").requests("1500m", "3Gi").info()));

        assertThat(reasons(pod("web").requests("500m", "1Gi").info(), node)).isEmpty();
    }

    @Test
    void tooLittleCpuLeftIsInsufficientCpu() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("2", "4Gi", "110").build(),
                List.of(pod("existing").requests("1600m", "1Gi").info()));

        assertThat(reasons(pod("web").requests("500m", "1Gi").info(), node)).containsExactly("Insufficient cpu");
    }

    @Test
    void fallingShortOnBothNamesBoth() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("1", "1Gi", "110").build(), List.of());

        assertThat(reasons(pod("big").requests("2", "2Gi").info(), node))
                .containsExactly("Insufficient cpu", "Insufficient memory");
    }

    @Test
    void aFullNodeHasTooManyPodsEvenForAPodWithoutRequests() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("4", "8Gi", "2").build(),
                List.of(pod("one").info(), pod("two").info()));

        assertThat(reasons(pod("best-effort").info(), node)).containsExactly("Too many pods");
    }

    @Test
    void initContainerPeakMustFit() {
        NodeInfo node = NodeInfo.of(node("node-a").resources("1", "8Gi", "110").build(), List.of());
        PodInfo pod = pod("web").requests("200m", "64Mi").initContainer("migrate", "1500m", "64Mi").info();

        assertThat(reasons(pod, node)).containsExactly("Insufficient cpu");
    }

    @Test
    void aPodWithoutRequestsIgnoresCpuAndMemory() {
        NodeInfo full = NodeInfo.of(node("node-a").resources("1", "1Gi", "110").build(),
                List.of(pod("hog").requests("1", "1Gi").info()));

        assertThat(reasons(pod("best-effort").info(), full)).isEmpty();
    }
}
