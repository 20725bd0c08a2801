package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    @Test
    void theDefaultProfileRunsFiltersInKubernetesOrderWithKubernetesWeights() {
        SchedulerProfile profile = PluginRegistry.builtIn().defaultProfile();

        assertThat(profile.filters()).extracting(FilterPlugin::name).containsExactly(
                "NodeUnschedulable", "NodeName", "TaintToleration", "NodeReady", "NodeAffinity", "NodePorts",
                "NodeResourcesFit", "InterPodAffinity");
        assertThat(profile.scores()).extracting(score -> score.plugin().name() + "=" + score.weight())
                .containsExactly("TaintTolerationScore=3", "NodeAffinityScore=2", "LeastAllocated=1", "SelectorSpread=2");
    }

    @Test
    void aProfileRunsOnlyTheChosenPlugins() {
        SchedulerProfile noResourceCheck = PluginRegistry.builtIn()
                .profile(List.of(NodeUnschedulable.NAME), Map.of(LeastAllocated.NAME, 1));
        ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("tiny").resources("100m", "64Mi", "110").build()),
                List.of());

        assertThat(new Scheduler(noResourceCheck).schedule(pod("web").requests("2", "4Gi").info(), snapshot))
                .isEqualTo(new ScheduleResult.Bound("tiny"));
    }

    @Test
    void anUnknownPluginNameIsRefused() {
        assertThatThrownBy(() -> PluginRegistry.builtIn().profile(List.of("NodeResourcesFits"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no filter plug-in named NodeResourcesFits");
        assertThatThrownBy(() -> PluginRegistry.builtIn().profile(List.of(), Map.of("MostAllocated", 1)))
                .hasMessageContaining("no score plug-in named MostAllocated");
    }

    @Test
    void aNameCanBeRegisteredOnlyOnce() {
        assertThatThrownBy(() -> PluginRegistry.builtIn().filter(NodePorts.NAME, NodePorts::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
    }

    @Test
    void aRegisteredPluginJoinsTheDefaultProfile() {
        FilterPlugin onlyLinux = new FilterPlugin() {
            @Override
            public String name() {
                return "OnlyArm";
            }

            @Override
            public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
                return "arm64".equals(node.labels().get("kubernetes.io/arch")) ? List.of() : List.of("node(s) are not arm64");
            }
        };
        Scheduler scheduler = new Scheduler(PluginRegistry.builtIn().filter("OnlyArm", () -> onlyLinux).defaultProfile());
        ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("amd-1").build(), node("amd-2").build(),
                node("arm-1").label("kubernetes.io/arch", "arm64").build()), List.of());

        assertThat(scheduler.schedule(pod("web").info(), snapshot)).isEqualTo(new ScheduleResult.Bound("arm-1"));
    }
}
