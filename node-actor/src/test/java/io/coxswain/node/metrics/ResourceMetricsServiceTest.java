package io.coxswain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import io.coxswain.protocol.entity.ResourceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ResourceMetricsServiceTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void registersWithTheReceptionistAndAnswersWithItsLatestSample() {
        SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntimeSettings.defaults());
        runtime.startContainer(runtime.createSandbox(PodSandboxSpec.of(new PodRef("uid-1", "default", "web"))),
                ContainerSpec.of("app", "nginx").withEnv(Map.of("SIMULATE_CPU_MILLICORES", "300",
                        "SIMULATE_MEMORY_BYTES", "2048")), 0);
        Duration interval = Duration.ofMillis(200);
        TEST_KIT.spawn(ResourceMetricsService.create("node-a",
                new UsageCollector("node-a", runtime, null, Clock.systemUTC(), interval), new MetricsSettings(interval)));

        TestProbe<Receptionist.Listing> listings = TEST_KIT.createTestProbe();
        ActorRef<ResourceMetrics.Request> service = listings.awaitAssert(() -> {
            TEST_KIT.system().receptionist().tell(Receptionist.find(ResourceMetrics.SERVICE_KEY, listings.getRef()));
            var found = listings.receiveMessage().getServiceInstances(ResourceMetrics.SERVICE_KEY);
            assertThat(found).hasSize(1);
            return found.iterator().next();
        });

        TestProbe<ResourceMetrics.Report> replies = TEST_KIT.createTestProbe();
        ResourceMetrics.Report report = replies.awaitAssert(() -> {
            service.tell(new ResourceMetrics.Request(replies.getRef()));
            ResourceMetrics.Report latest = replies.receiveMessage();
            assertThat(latest.nodes()).hasSize(1);
            return latest;
        });
        assertThat(report.nodes().get(0).node()).isEqualTo("node-a");
        // a simulated node uses what its pods use; the real clock leaves a rounding error of a few nanocores
        assertThat(report.nodes().get(0).cpuNanoCores()).isCloseTo(300_000_000L, within(100_000L));
        assertThat(report.pods()).singleElement().satisfies(pod -> {
            assertThat(pod.name()).isEqualTo("web");
            assertThat(pod.containers().get(0).memoryBytes()).isEqualTo(2048);
        });
    }
}
