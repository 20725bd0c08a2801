package io.coxswain.controlplane.streams;

import static io.coxswain.controlplane.streams.KubectlSpdySide.synStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/** Our framing against a second SPDY/3.1 endpoint playing kubectl's part (header compression state included). */
class SpdyFramingTest {
    private final SpdyFraming server = new SpdyFraming();
    private final KubectlSpdySide client = new KubectlSpdySide();

    @Test
    void readsKubectlsStreamsWithTheirHeadersAcrossFrames() {
        ByteString bytes = client.sends(synStream(1, "error", "8080", "0"), synStream(3, "data", "8080", "0"));

        List<SpdyFraming.Received> frames = new ArrayList<>(server.decode(bytes.take(7)));
        frames.addAll(server.decode(bytes.drop(7)));

        assertThat(frames).hasSize(2);
        SpdyFraming.SynStream error = (SpdyFraming.SynStream) frames.get(0);
        assertThat(error.streamId()).isEqualTo(1);
        assertThat(error.headers()).containsEntry("streamtype", "error").containsEntry("port", "8080")
                .containsEntry("requestid", "0");
        SpdyFraming.SynStream data = (SpdyFraming.SynStream) frames.get(1);
        assertThat(data.headers()).containsEntry("streamtype", "data");
    }

    @Test
    void readsDataWithItsFinAndPings() {
        DefaultSpdyDataFrame last = new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("GET /", StandardCharsets.UTF_8));
        last.setLast(true);
        List<SpdyFraming.Received> frames = server.decode(client.sends(last, new DefaultSpdyPingFrame(1)));

        SpdyFraming.Data data = (SpdyFraming.Data) frames.get(0);
        assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("GET /");
        assertThat(data.last()).isTrue();
        assertThat(frames.get(1)).isEqualTo(new SpdyFraming.Ping(1));
    }

    @Test
    void writesRepliesDataAndPongsTheClientUnderstands() {
        client.receives(server.encode(new SpdyFraming.SynReply(1, "error")));
        client.receives(server.encode(new SpdyFraming.SendData(3, "HTTP/1.0 200".getBytes(), false)));
        client.receives(server.encode(new SpdyFraming.SendData(3, new byte[0], true)));
        client.receives(server.encode(new SpdyFraming.Pong(1)));

        assertThat(((SpdySynReplyFrame) client.nextFrame()).streamId()).isEqualTo(1);
        SpdyDataFrame data = client.nextFrame();
        assertThat(data.content().toString(StandardCharsets.UTF_8)).isEqualTo("HTTP/1.0 200");
        assertThat(data.isLast()).isFalse();
        data.release();
        SpdyDataFrame fin = client.nextFrame();
        assertThat(fin.isLast()).isTrue();
        fin.release();
        assertThat(((SpdyPingFrame) client.nextFrame()).id()).isEqualTo(1);
    }
}
