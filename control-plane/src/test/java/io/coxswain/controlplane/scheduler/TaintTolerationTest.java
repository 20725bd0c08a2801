package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaintTolerationTest {

    private final TaintToleration filter = new TaintToleration();
    private final NodeInfo gpuNode = NodeInfo.of(node("node-gpu").taint("dedicated", "gpu", "NoSchedule").build(),
            List.of());

    private List<String> reasons(PodInfo pod, NodeInfo node) {
        return filter.filter(pod, node, ClusterSnapshot.empty());
    }

    @Test
    void anUntoleratedNoScheduleTaintKeepsThePodOff() {
        assertThat(reasons(pod("web").info(), gpuNode)).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
    }

    @Test
    void anEqualTolerationOfTheNoScheduleTaintLetsThePodOn() {
        PodInfo pod = pod("trainer").spec("tolerations", """
                [{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}]
                """).info();

        assertThat(reasons(pod, gpuNode)).isEmpty();
    }

    @Test
    void aTolerationForAnotherValueOrEffectDoesNotCount() {
        PodInfo otherValue = pod("a").spec("tolerations",
                "[{\"key\": \"dedicated\", \"operator\": \"Equal\", \"value\": \"db\", \"effect\": \"NoSchedule\"}]").info();
        PodInfo otherEffect = pod("b").spec("tolerations",
                "[{\"key\": \"dedicated\", \"operator\": \"Exists\", \"effect\": \"NoExecute\"}]").info();

        assertThat(reasons(otherValue, gpuNode)).hasSize(1);
        assertThat(reasons(otherEffect, gpuNode)).hasSize(1);
    }

    @Test
    void existsWithAnEmptyKeyToleratesEveryTaint() {
        NodeInfo tainted = NodeInfo.of(node("node-x").taint("dedicated", "gpu", "NoSchedule")
                .taint("maintenance", null, "NoExecute").build(), List.of());
        PodInfo tolerateAll = pod("daemon").spec("tolerations", "[{\"operator\": \"Exists\"}]").info();

        assertThat(reasons(tolerateAll, tainted)).isEmpty();
    }

    @Test
    void existsOnTheKeyIgnoresTheValueAndAnEmptyEffectMatchesAll() {
        PodInfo pod = pod("trainer").spec("tolerations", "[{\"key\": \"dedicated\", \"operator\": \"Exists\"}]").info();

        assertThat(reasons(pod, gpuNode)).isEmpty();
    }

    @Test
    void noExecuteTaintsAlsoKeepPodsOffButPreferNoScheduleDoesNot() {
        NodeInfo draining = NodeInfo.of(node("node-a").taint("maintenance", null, "NoExecute").build(), List.of());
        NodeInfo discouraged = NodeInfo.of(node("node-b").taint("spot", "true", "PreferNoSchedule").build(), List.of());

        assertThat(reasons(pod("web").info(), draining)).containsExactly("node(s) had untolerated taint {maintenance: }");
        assertThat(reasons(pod("web").info(), discouraged)).isEmpty();
    }

    @Test
    void namesTheFirstUntoleratedTaint() {
        NodeInfo node = NodeInfo.of(node("node-a").taint("dedicated", "gpu", "NoSchedule")
                .taint("zone-drain", "eu-1", "NoSchedule").build(), List.of());
        PodInfo pod = pod("trainer").spec("tolerations",
                "[{\"key\": \"dedicated\", \"operator\": \"Exists\", \"effect\": \"NoSchedule\"}]").info();

        assertThat(reasons(pod, node)).containsExactly("node(s) had untolerated taint {zone-drain: eu-1}");
    }
}
