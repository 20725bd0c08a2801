package io.coxswain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.testing.ManualClock;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import io.coxswain.protocol.entity.ResourceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageCollectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final PodRef WEB = new PodRef("uid-web", "shop", "web");

    private final ManualClock clock = new ManualClock(T0);
    private final SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntimeSettings.defaults().withClock(clock));

    private void run(PodRef pod, String container, long millicores, long memoryBytes) {
        SandboxHandle sandbox = runtime.createSandbox(PodSandboxSpec.of(pod));
        runtime.startContainer(sandbox, ContainerSpec.of(container, "busybox").withEnv(Map.of(
                "SIMULATE_CPU_MILLICORES", Long.toString(millicores),
                "SIMULATE_MEMORY_BYTES", Long.toString(memoryBytes))), 0);
    }

    @Test
    void aNewPodIsMeasuredFromItsStartAndItsContainersAreReportedByName() {
        run(WEB, "app", 250, 64L << 20);
        SandboxHandle sandbox = runtime.listSandboxes().get(0);
        runtime.startContainer(sandbox, ContainerSpec.of("sidecar", "busybox").withEnv(Map.of(
                "SIMULATE_CPU_MILLICORES", "5", "SIMULATE_MEMORY_BYTES", "4096")), 0);
        UsageCollector collector = new UsageCollector("node-a", runtime, null, clock, INTERVAL);
        clock.advance(Duration.ofSeconds(4));

        ResourceMetrics.Report report = collector.collect();

        assertThat(report.pods()).hasSize(1);
        ResourceMetrics.PodUsage pod = report.pods().get(0);
        assertThat(pod.namespace()).isEqualTo("shop");
        assertThat(pod.name()).isEqualTo("web");
        assertThat(pod.node()).isEqualTo("node-a");
        assertThat(pod.windowMillis()).isEqualTo(4000);
        assertThat(pod.timestampMillis()).isEqualTo(T0.plusSeconds(4).toEpochMilli());
        assertThat(pod.containers()).extracting(ResourceMetrics.ContainerUsage::name)
                .containsExactlyInAnyOrder("app", "sidecar");
        assertThat(pod.cpuNanoCores()).isEqualTo(255_000_000L);
        assertThat(pod.memoryBytes()).isEqualTo((64L << 20) + 4096);
        assertThat(report.nodes()).as("a node needs two samples").isEmpty();
    }

    @Test
    void laterSamplesAreRatesOverTheIntervalAndASimulatedNodeIsTheSumOfItsPods() {
        run(WEB, "app", 250, 1000);
        run(new PodRef("uid-db", "shop", "db"), "db", 750, 3000);
        UsageCollector collector = new UsageCollector("node-a", runtime, null, clock, INTERVAL);
        collector.collect();
        clock.advance(INTERVAL);

        ResourceMetrics.Report report = collector.collect();

        assertThat(report.pods()).extracting(ResourceMetrics.PodUsage::windowMillis).containsOnly(10_000L);
        assertThat(report.nodes()).containsExactly(new ResourceMetrics.NodeUsage("node-a",
                T0.plusSeconds(10).toEpochMilli(), 10_000, 1_000_000_000L, 4000));
    }

    @Test
    void aContainerThatRanLongBeforeTheFirstSampleWaitsForASecondOne() {
        run(WEB, "app", 100, 1000);
        clock.advance(Duration.ofHours(3));
        UsageCollector collector = new UsageCollector("node-a", runtime, null, clock, INTERVAL);

        assertThat(collector.collect().pods()).isEmpty();
        clock.advance(INTERVAL);
        List<ResourceMetrics.PodUsage> pods = collector.collect().pods();
        assertThat(pods).hasSize(1);
        assertThat(pods.get(0).windowMillis()).isEqualTo(10_000);
        assertThat(pods.get(0).cpuNanoCores()).isEqualTo(100_000_000L);
    }

    @Test
    void stoppedContainersAreLeftOut() {
        run(WEB, "app", 100, 1000);
        UsageCollector collector = new UsageCollector("node-a", runtime, null, clock, INTERVAL);
        clock.advance(Duration.ofSeconds(1));
        assertThat(collector.collect().pods()).hasSize(1);

        runtime.list().forEach(c -> runtime.stop(c.id(), Duration.ZERO));
        clock.advance(INTERVAL);
        assertThat(collector.collect().pods()).isEmpty();
    }

    @Test
    void aRealNodeReportsTheMachineFromItsSecondSample() {
        Deque<MachineUsage> readings = new ArrayDeque<>(List.of(
                new MachineUsage(1_000, 10_000, 2, 5L << 30),
                new MachineUsage(1_300, 12_000, 2, 6L << 30)));
        UsageCollector collector = new UsageCollector("worker-1", runtime, readings::removeFirst, clock, INTERVAL);

        assertThat(collector.collect().nodes()).isEmpty();
        clock.advance(INTERVAL);
        assertThat(collector.collect().nodes()).containsExactly(new ResourceMetrics.NodeUsage("worker-1",
                T0.plus(INTERVAL).toEpochMilli(), 10_000, 300_000_000L, 6L << 30));
    }
}
