package io.coxswain.node.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.coxswain.protocol.entity.PodStreams;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The stream messages cross between masters and agents with the cluster's CBOR serializer; their stream references
 * go through Pekko's stream-ref serialization inside them.
 */
class PodStreamsSerializationTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.actor.allow-java-serialization = off
            pekko.actor.serializers.jackson-cbor = "org.apache.pekko.serialization.jackson.JacksonCborSerializer"
            pekko.actor.serialization-bindings { "io.coxswain.protocol.CborSerializable" = jackson-cbor }
            """));
    private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(TEST_KIT.system());
    private static final Materializer MATERIALIZER = Materializer.matFromSystem(TEST_KIT.system());

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void anExecRequestKeepsItsCommandFlagsInputAndWhereToReply() {
        SourceRef<PodStreams.Input> input = Source.<PodStreams.Input>empty().runWith(StreamRefs.sourceRef(),
                MATERIALIZER);
        TestProbe<PodStreams.Opened> probe = TEST_KIT.createTestProbe();
        PodStreams.Exec exec = new PodStreams.Exec("uid-1", "web", "app", List.of("sh", "-c", "exit 3"), true, true,
                false, true, input, probe.getRef());

        PodStreams.Exec copy = SERIALIZATION.verifySerialization(exec, false);

        assertThat(copy.command()).containsExactly("sh", "-c", "exit 3");
        assertThat(List.of(copy.stdin(), copy.stdout(), copy.stderr(), copy.tty())).containsExactly(true, true, false,
                true);
        assertThat(copy.input()).isEqualTo(input);
        assertThat(copy.replyTo()).isEqualTo(probe.getRef());
    }

    @Test
    void answersCarryTheirStreamOrTheirRefusal() {
        SourceRef<PodStreams.Output> output = Source.<PodStreams.Output>empty().runWith(StreamRefs.sourceRef(),
                MATERIALIZER);
        assertThat(SERIALIZATION.verifySerialization(new PodStreams.Opened(output, 200, ""), false).output())
                .isEqualTo(output);
        PodStreams.Opened refused = SERIALIZATION.verifySerialization(
                PodStreams.Opened.refused(400, "container not found (\"app\")"), false);
        assertThat(refused.started()).isFalse();
        assertThat(refused.message()).isEqualTo("container not found (\"app\")");
        assertThat(SERIALIZATION.verifySerialization(PodStreams.Forwarding.failed("refused"), false).error())
                .isEqualTo("refused");
    }

    @Test
    void streamElementsKeepTheirBytes() {
        PodStreams.Input stdin = SERIALIZATION.verifySerialization(PodStreams.Input.stdin(new byte[] {0, 1, -1}), false);
        assertThat(stdin.kind()).isEqualTo(PodStreams.InputKind.STDIN);
        assertThat(stdin.data()).containsExactly(0, 1, -1);
        PodStreams.Input resize = SERIALIZATION.verifySerialization(PodStreams.Input.resize(80, 24), false);
        assertThat(List.of(resize.width(), resize.height())).containsExactly(80, 24);
        PodStreams.Output exit = SERIALIZATION.verifySerialization(PodStreams.Output.exited(7), false);
        assertThat(exit.kind()).isEqualTo(PodStreams.OutputKind.EXIT);
        assertThat(exit.exitCode()).isEqualTo(7);
        assertThat(SERIALIZATION.verifySerialization(new PodStreams.Chunk(new byte[] {42}), false).data())
                .containsExactly(42);
    }
}
