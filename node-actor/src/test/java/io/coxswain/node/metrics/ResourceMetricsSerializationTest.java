package io.coxswain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.coxswain.protocol.entity.ResourceMetrics;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The metrics messages cross from workers to masters: they must survive the cluster's CBOR serializer. */
class ResourceMetricsSerializationTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.actor.allow-java-serialization = off
            pekko.actor.serializers.jackson-cbor = "org.apache.pekko.serialization.jackson.JacksonCborSerializer"
            pekko.actor.serialization-bindings { "io.coxswain.protocol.CborSerializable" = jackson-cbor }
            """));
    private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(TEST_KIT.system());

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aReportWithNodesPodsAndContainersRoundTrips() {
        ResourceMetrics.Report report = new ResourceMetrics.Report(
                List.of(new ResourceMetrics.NodeUsage("worker-1", 1_700_000_000_000L, 5000, 1_250_000_000L, 6L << 30)),
                List.of(new ResourceMetrics.PodUsage("uid-1", "shop", "web", "worker-1", 1_700_000_000_000L, 4999,
                        List.of(new ResourceMetrics.ContainerUsage("app", 12_000_000, 3456 * 1024)))));
        assertThat(SERIALIZATION.verifySerialization(report, true)).isEqualTo(report);
        assertThat(SERIALIZATION.verifySerialization(ResourceMetrics.Report.EMPTY, true))
                .isEqualTo(ResourceMetrics.Report.EMPTY);
    }

    @Test
    void aRequestKeepsWhereToReply() {
        TestProbe<ResourceMetrics.Report> probe = TEST_KIT.createTestProbe();
        ResourceMetrics.Request request = new ResourceMetrics.Request(probe.getRef());
        assertThat(SERIALIZATION.verifySerialization(request, true).replyTo()).isEqualTo(probe.getRef());
    }
}
