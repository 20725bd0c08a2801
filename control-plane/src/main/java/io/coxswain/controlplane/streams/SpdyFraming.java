package io.coxswain.controlplane.streams;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * SPDY/3.1 frames to and from bytes, with Netty's codec (which also keeps each direction's zlib header
 * compression state) run in embedded channels: one decodes what the client sends, the other encodes what we send.
 * One instance serves one connection; {@link #decode} and {@link #encode} may run on different threads, but each of
 * them on one thread at a time.
 */
public final class SpdyFraming {
    private final EmbeddedChannel decoder = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final EmbeddedChannel encoder = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

    /** What the client sent, as far as it forms whole frames (the rest waits for the next bytes). */
    public sealed interface Received {}

    /** A new stream with its headers, names in lower case (SPDY's rule; Go's clients send them so). */
    public record SynStream(int streamId, Map<String, String> headers, boolean last) implements Received {}

    public record Data(int streamId, byte[] data, boolean last) implements Received {}

    public record Reset(int streamId) implements Received {}

    public record Ping(int id) implements Received {}

    public record GoAway() implements Received {}

    /** Settings, window updates and the like: nothing to act on. */
    public record Ignored() implements Received {}

    /** What we send. */
    public sealed interface Sent {}

    /**
     * The answer to a new stream; {@code streamType} is echoed as its one header, because Netty encodes a reply
     * without headers as no header block at all, which Go's SPDY framer (kubectl's) cannot read.
     */
    public record SynReply(int streamId, String streamType) implements Sent {}

    public record SendData(int streamId, byte[] data, boolean last) implements Sent {}

    public record SendReset(int streamId) implements Sent {}

    public record Pong(int id) implements Sent {}

    public record SendGoAway(int lastStreamId) implements Sent {}

    public List<Received> decode(ByteString bytes) {
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes.toArray()));
        List<Received> frames = new ArrayList<>();
        Object frame;
        while ((frame = decoder.readInbound()) != null) {
            try {
                frames.add(received(frame));
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
        return frames;
    }

    private static Received received(Object frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<CharSequence, CharSequence> header : syn.headers()) {
                headers.put(header.getKey().toString().toLowerCase(Locale.ROOT), header.getValue().toString());
            }
            return new SynStream(syn.streamId(), headers, syn.isLast());
        }
        if (frame instanceof SpdyDataFrame data) {
            byte[] bytes = new byte[data.content().readableBytes()];
            data.content().readBytes(bytes);
            return new Data(data.streamId(), bytes, data.isLast());
        }
        if (frame instanceof SpdyRstStreamFrame reset) {
            return new Reset(reset.streamId());
        }
        if (frame instanceof SpdyPingFrame ping) {
            return new Ping(ping.id());
        }
        if (frame instanceof SpdyGoAwayFrame) {
            return new GoAway();
        }
        return new Ignored();
    }

    public ByteString encode(Sent sent) {
        SpdyFrame frame;
        if (sent instanceof SynReply reply) {
            DefaultSpdySynReplyFrame replyFrame = new DefaultSpdySynReplyFrame(reply.streamId());
            replyFrame.headers().add("streamtype", reply.streamType());
            frame = replyFrame;
        } else if (sent instanceof SendData data) {
            DefaultSpdyDataFrame dataFrame = new DefaultSpdyDataFrame(data.streamId(),
                    Unpooled.wrappedBuffer(data.data()));
            dataFrame.setLast(data.last());
            frame = dataFrame;
        } else if (sent instanceof SendReset reset) {
            frame = new DefaultSpdyRstStreamFrame(reset.streamId(), SpdyStreamStatus.CANCEL);
        } else if (sent instanceof Pong pong) {
            frame = new DefaultSpdyPingFrame(pong.id());
        } else {
            frame = new DefaultSpdyGoAwayFrame(((SendGoAway) sent).lastStreamId());
        }
        encoder.writeOutbound(frame);
        ByteStringBuilder bytes = new ByteStringBuilder();
        Object out;
        while ((out = encoder.readOutbound()) != null) {
            ByteBuf buffer = (ByteBuf) out;
            try {
                byte[] chunk = new byte[buffer.readableBytes()];
                buffer.readBytes(chunk);
                bytes.putBytes(chunk);
            } finally {
                buffer.release();
            }
        }
        return bytes.result();
    }
}
