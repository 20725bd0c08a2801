package io.coxswain.node.runtime.process;

import io.coxswain.node.files.FileUtil;
import io.coxswain.node.runtime.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Turns a container's raw output into its log: every line it wrote, prefixed with the time the runtime saw it.
 *
 * <p>The process writes to a plain file (see {@link Launcher}), so the time of each line is the time this class
 * reads it: within one poll interval while the agent runs, the time the restarted agent caught up for lines written
 * while none ran. How far the raw file was read is kept next to it, so lines are neither lost nor (short of a crash
 * between the two writes) repeated across agent restarts.
 */
final class LogCapture {
    /** Lines are appended to the log in batches of about this size, bounding memory when much output piled up. */
    private static final int BATCH_BYTES = 256 * 1024;
    private static final int READ_BYTES = 64 * 1024;

    /** Longer lines are cut into several, at the kubelet's limit for one CRI log entry. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final Clock clock;

    LogCapture(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends the complete lines written since the last call to {@code log}; with {@code ended}, also an unfinished
     * last line, since nothing will complete it. Callers serialise calls for one container.
     */
    void catchUp(Path rawOutput, Path offsetFile, Path log, boolean ended) throws IOException {
        if (!Files.exists(rawOutput)) {
            return;
        }
        long offset = readOffset(offsetFile);
        byte[] stamp = (LogLine.formatTimestamp(clock.instant()) + " ").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long consumed = offset;
        try (FileChannel in = FileChannel.open(rawOutput, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
            long position = offset;
            while (position < size) {
                buffer.clear();
                int read = in.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    byte b = buffer.get(i);
                    boolean newline = b == '\n';
                    if (!newline) {
                        line.write(b);
                    }
                    if (newline || line.size() >= MAX_LINE_BYTES) {
                        appendLine(batch, stamp, line);
                        consumed = position + i + 1;
                    }
                }
                position += read;
                if (batch.size() >= BATCH_BYTES) {
                    flush(batch, log, offsetFile, consumed);
                }
            }
            if (ended && line.size() > 0) {
                appendLine(batch, stamp, line);
                consumed = position;
            }
        }
        if (consumed > offset) {
            flush(batch, log, offsetFile, consumed);
        }
    }

    private static void appendLine(ByteArrayOutputStream batch, byte[] stamp, ByteArrayOutputStream line) {
        batch.writeBytes(stamp);
        batch.writeBytes(line.toByteArray());
        batch.write('\n');
        line.reset();
    }

    private static void flush(ByteArrayOutputStream batch, Path log, Path offsetFile, long consumed) throws IOException {
        if (batch.size() > 0) {
            Files.write(log, batch.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            batch.reset();
        }
        FileUtil.writeAtomically(offsetFile, Long.toString(consumed).getBytes(StandardCharsets.US_ASCII));
    }

    private static long readOffset(Path offsetFile) throws IOException {
        if (!Files.exists(offsetFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(offsetFile).trim());
        } catch (NumberFormatException e) {
            return 0; // written atomically, so only a hand-edited file lands here: start over rather than fail
        }
    }
}
