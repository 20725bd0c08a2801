package io.coxswain.controlplane.streams;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/** The client's end of a port-forward SPDY connection, as kubectl frames it, for the tests of ours. */
final class KubectlSpdySide {
    private final EmbeddedChannel channel = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

    /** The SYN_STREAM kubectl opens for one stream of a forwarded connection. */
    static DefaultSpdySynStreamFrame synStream(int id, String type, String port, String requestId) {
        DefaultSpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        frame.headers().add("streamtype", type);
        frame.headers().add("port", port);
        frame.headers().add("requestid", requestId);
        return frame;
    }

    /** The bytes these frames are on the wire. */
    ByteString sends(Object... frames) {
        ByteStringBuilder bytes = new ByteStringBuilder();
        for (Object frame : frames) {
            channel.writeOutbound(frame);
            ByteBuf buffer;
            while ((buffer = channel.readOutbound()) != null) {
                byte[] chunk = new byte[buffer.readableBytes()];
                buffer.readBytes(chunk);
                buffer.release();
                bytes.putBytes(chunk);
            }
        }
        return bytes.result();
    }

    /** Feeds bytes from the server; the frames they complete are then read with {@link #nextFrame()}. */
    void receives(ByteString bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes.toArray()));
    }

    /** The next frame decoded from what was received, or null. */
    <T> T nextFrame() {
        return channel.readInbound();
    }
}
