package io.coxswain.node.runtime.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * An engine connection upgraded to a raw stream ({@code Upgrade: tcp}), as {@code docker exec -i} and
 * {@code docker attach} use it: the request's stdin goes up, the output comes down, and the end of stdin is a
 * half-close of the connection. docker-java's own hijacking cannot half-close a Unix socket (its socket refuses
 * shutdownOutput), so a command would never read end of file; Java's own Unix-domain channels can.
 *
 * <p>Reads and writes go straight to the channel (one reader thread, one writer thread): the JDK's channel streams
 * would hold one lock across a blocking read and a write.
 */
final class HijackedConnection implements AutoCloseable {
    private static final int HEADER_LIMIT = 64 * 1024;

    private final SocketChannel channel;
    private final InputStream output;

    private HijackedConnection(SocketChannel channel, InputStream output) {
        this.channel = channel;
        this.output = output;
    }

    /**
     * POSTs {@code jsonBody} (may be empty) to {@code path} asking for an upgrade and reads the answer's head.
     * Whatever the engine does not read as the request's body becomes the stream's first input, so an endpoint
     * that takes no body (attach) must get none.
     *
     * @param host the engine: {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
     * @throws IOException with the engine's message when it does not switch protocols
     */
    static HijackedConnection open(String host, String path, String jsonBody) throws IOException {
        SocketChannel channel = connect(URI.create(host));
        try {
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + (body.length > 0 ? "Content-Type: application/json\r\n" : "")
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n";
            writeFully(channel, head.getBytes(StandardCharsets.US_ASCII));
            writeFully(channel, body);
            InputStream in = new BufferedInputStream(new ChannelInput(channel));
            String answer = readHead(in);
            String statusLine = answer.lines().findFirst().orElse("");
            if (!statusLine.contains(" 101 ") && !statusLine.contains(" 200 ")) {
                throw new IOException("the engine refused " + path + ": " + statusLine + " "
                        + new String(in.readNBytes(HEADER_LIMIT), StandardCharsets.UTF_8).trim());
            }
            return new HijackedConnection(channel, in);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SocketChannel connect(URI host) throws IOException {
        return switch (host.getScheme()) {
            case "unix" -> {
                SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                unix.connect(UnixDomainSocketAddress.of(host.getPath()));
                yield unix;
            }
            case "tcp" -> SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
            default -> throw new IOException("cannot stream to an engine at " + host + " (unix:// or tcp:// only)");
        };
    }

    /** The response's status line and headers, up to the empty line; what follows is the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0 || head.size() > HEADER_LIMIT) {
                throw new IOException("the engine closed the connection before switching protocols");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** What the engine sends: raw with a terminal, else in frames of 8-byte headers. */
    InputStream output() {
        return output;
    }

    void write(byte[] bytes, int length) throws IOException {
        writeFully(channel, ByteBuffer.wrap(bytes, 0, length));
    }

    /** No more stdin: the command reads end of file, its output keeps coming. */
    void endInput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        writeFully(channel, ByteBuffer.wrap(bytes));
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }
    }
}
