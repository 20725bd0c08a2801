package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.LogOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * {@code kubectl logs -f}: the log from a starting line on, then new lines as the capture appends them, until the
 * container has ended and everything it wrote was read. Lines are rendered as the logs endpoint sends them.
 */
final class FollowingLogStream extends InputStream {
    private static final int READ_BYTES = 4 * LogCapture.MAX_LINE_BYTES;

    private final Path log;
    private final LogOptions options;
    private final Instant cutoff;
    private final Runnable catchUp;
    private final BooleanSupplier containerRunning;
    private final Duration pollInterval;
    private long position;
    private InputStream pending = InputStream.nullInputStream();
    private volatile boolean closed;

    /**
     * @param catchUp          brings the log up to date with what the container wrote (and notes its end)
     * @param containerRunning whether more lines may still come
     */
    FollowingLogStream(Path log, long startPosition, LogOptions options, Instant cutoff,
                       Runnable catchUp, BooleanSupplier containerRunning, Duration pollInterval) {
        this.log = log;
        this.position = startPosition;
        this.options = options;
        this.cutoff = cutoff;
        this.catchUp = catchUp;
        this.containerRunning = containerRunning;
        this.pollInterval = pollInterval;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int read = pending.read(target, offset, length);
            if (read > 0) {
                return read;
            }
            if (!refill()) {
                return -1;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Waits for more lines; false once there will be none. */
    private boolean refill() throws IOException {
        while (!closed) {
            catchUp.run();
            if (readNewLines()) {
                return true;
            }
            if (!containerRunning.getAsBoolean()) {
                catchUp.run(); // the container may have written its last lines just before it ended
                return readNewLines();
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following " + log);
            }
        }
        return false;
    }

    /** Renders the next complete lines into {@code pending}; false when there are none yet. */
    private boolean readNewLines() throws IOException {
        while (true) {
            byte[] chunk = readChunk();
            ByteArrayOutputStream rendered = new ByteArrayOutputStream();
            long consumed = TimestampedLogFile.forEachCompleteLine(new ByteArrayInputStream(chunk), line -> {
                if (options.admits(line, cutoff)) {
                    rendered.writeBytes(line.render(options.timestamps()).getBytes(StandardCharsets.UTF_8));
                }
            });
            if (consumed == 0) {
                return false;
            }
            position += consumed;
            if (rendered.size() > 0) {
                pending = new ByteArrayInputStream(rendered.toByteArray());
                return true;
            }
        }
    }

    /** The next bytes of the log; a chunk always holds a whole line, as lines are shorter than a chunk. */
    private byte[] readChunk() throws IOException {
        if (!Files.exists(log)) {
            return new byte[0];
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
            int read = Math.max(0, channel.read(buffer, position));
            byte[] chunk = new byte[read];
            buffer.flip();
            buffer.get(chunk);
            return chunk;
        }
    }
}
