package io.coxswain.controlplane.streams;

import static io.coxswain.controlplane.streams.KubectlSpdySide.synStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.entity.PodStreams;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One forwarded connection through the session, as kubectl opens it, against a pod that answers in upper case. */
class SpdyPortForwardSessionTest {
    private static final StreamLimits LIMITS = new StreamLimits(4, 4, Duration.ofSeconds(5));

    private final ActorTestKit testKit = ActorTestKit.create();
    private final Materializer materializer = Materializer.matFromSystem(testKit.system());
    private final KubectlSpdySide client = new KubectlSpdySide();
    private final List<Integer> portsOpened = new ArrayList<>();

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    private final PortOpener upperCasePod = (port, input) -> {
        portsOpened.add(port);
        SourceRef<PodStreams.Chunk> output = input.getSource()
                .map(chunk -> new PodStreams.Chunk(new String(chunk.data(), StandardCharsets.UTF_8)
                        .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)))
                .runWith(StreamRefs.sourceRef(), materializer);
        return CompletableFuture.completedFuture(new PodStreams.Forwarding(output, ""));
    };

    @Test
    void repliesToBothStreamsThenRelaysTheConnectionAndClosesBothWhenThePodIsDone() throws Exception {
        DefaultSpdyDataFrame request = new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("hello pod", StandardCharsets.UTF_8));
        request.setLast(true);
        SinkQueueWithCancel<ByteString> received = run(upperCasePod, synStream(1, "error", "8080", "0"),
                synStream(3, "data", "8080", "0"), request);

        List<Object> frames = frames(received, 5);
        assertThat(((SpdySynReplyFrame) frames.get(0)).streamId()).isEqualTo(1);
        assertThat(((SpdySynReplyFrame) frames.get(1)).streamId()).isEqualTo(3);
        StringBuilder answer = new StringBuilder();
        int i = 2;
        while (frames.get(i) instanceof SpdyDataFrame data && data.streamId() == 3 && !data.isLast()) {
            answer.append(data.content().toString(StandardCharsets.UTF_8));
            i++;
            if (i == frames.size()) {
                frames.addAll(frames(received, 1));
            }
        }
        assertThat(answer.toString()).isEqualTo("HELLO POD");
        while (frames.size() < i + 2) {
            frames.addAll(frames(received, 1));
        }
        SpdyDataFrame dataFin = (SpdyDataFrame) frames.get(i);
        assertThat(dataFin.streamId()).isEqualTo(3);
        assertThat(dataFin.isLast()).isTrue();
        SpdyDataFrame errorFin = (SpdyDataFrame) frames.get(i + 1);
        assertThat(errorFin.streamId()).isEqualTo(1);
        assertThat(errorFin.isLast()).isTrue();
        assertThat(errorFin.content().readableBytes()).as("no error").isZero();
        assertThat(portsOpened).containsExactly(8080);
    }

    @Test
    void aConnectionThePodRefusesEndsWithTheMessageOnTheErrorStream() throws Exception {
        PortOpener refusing = (port, input) -> CompletableFuture.completedFuture(
                PodStreams.Forwarding.failed("error forwarding port 9 to pod web: connect: connection refused"));
        SinkQueueWithCancel<ByteString> received = run(refusing, synStream(1, "error", "9", "0"),
                synStream(3, "data", "9", "0"));

        List<Object> frames = frames(received, 4);
        SpdyDataFrame error = (SpdyDataFrame) frames.get(2);
        assertThat(error.streamId()).isEqualTo(1);
        assertThat(error.content().toString(StandardCharsets.UTF_8)).contains("connection refused");
        assertThat(error.isLast()).isTrue();
        SpdyDataFrame dataFin = (SpdyDataFrame) frames.get(3);
        assertThat(dataFin.streamId()).isEqualTo(3);
        assertThat(dataFin.isLast()).isTrue();
    }

    private SinkQueueWithCancel<ByteString> run(PortOpener opener, Object... clientFrames) {
        ByteString bytes = client.sends(clientFrames);
        // The client stays connected (maybe never completes): the session must answer while it is open.
        return Source.single(bytes).concat(Source.maybe())
                .via(new SpdyPortForwardSession(opener, LIMITS, materializer).flow())
                .runWith(Sink.queue(), materializer);
    }

    /** At least {@code count} more frames as the client decodes them. */
    private List<Object> frames(SinkQueueWithCancel<ByteString> received, int count) throws Exception {
        List<Object> frames = new ArrayList<>();
        while (frames.size() < count) {
            ByteString bytes = received.pull().toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
            client.receives(bytes);
            Object frame;
            while ((frame = client.nextFrame()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

}
