package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads a log written by {@link LogCapture}: one {@code <RFC3339NanoFixed timestamp> <text>} per line. */
final class TimestampedLogFile {
    private static final int TIMESTAMP_LENGTH = LogLine.formatTimestamp(Instant.EPOCH).length();
    private static final int BACKWARD_READ_BYTES = 8192;

    private TimestampedLogFile() {}

    /** The lines {@code options} asks for ({@code tailLines}, {@code sinceSeconds}, counted from {@code now}). */
    static List<LogLine> read(Path log, LogOptions options, Instant now) throws IOException {
        List<LogLine> lines = new ArrayList<>();
        if (!Files.exists(log)) {
            return lines;
        }
        Instant cutoff = options.cutoff(now);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.position(startOf(log, options));
            forEachCompleteLine(new BufferedInputStream(Channels.newInputStream(channel)), line -> {
                if (options.admits(line, cutoff)) {
                    lines.add(line);
                }
            });
        }
        return lines;
    }

    /** Where reading starts for {@code options}: the beginning, or the first of the last {@code tailLines} lines. */
    static long startOf(Path log, LogOptions options) throws IOException {
        if (options.tailLines() == null || !Files.exists(log)) {
            return 0;
        }
        return tailStart(log, options.tailLines());
    }

    /**
     * Reads backwards from the end for the start of the last {@code lines} complete lines, so a tail of a large log
     * costs what the tail is long. A trailing unfinished line does not count (the capture writes whole lines only).
     */
    static long tailStart(Path log, int lines) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long end = file.length();
            byte[] block = new byte[BACKWARD_READ_BYTES];
            boolean seenLastNewline = false;
            int newlines = 0;
            long blockEnd = end;
            while (blockEnd > 0) {
                int length = (int) Math.min(block.length, blockEnd);
                long blockStart = blockEnd - length;
                file.seek(blockStart);
                file.readFully(block, 0, length);
                for (int i = length - 1; i >= 0; i--) {
                    if (block[i] != '\n') {
                        continue;
                    }
                    long position = blockStart + i;
                    if (!seenLastNewline) {
                        seenLastNewline = true;
                        if (lines == 0) {
                            return position + 1;
                        }
                        newlines = 1;
                    } else if (++newlines == lines + 1) {
                        return position + 1;
                    }
                }
                blockEnd = blockStart;
            }
            return 0;
        }
    }

    /** Feeds every line that ends in a newline to {@code sink}; an unfinished last line is left for later. */
    static long forEachCompleteLine(InputStream in, Consumer<LogLine> sink) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long consumed = 0;
        long read = 0;
        int b;
        while ((b = in.read()) != -1) {
            read++;
            if (b == '\n') {
                sink.accept(parse(line.toString(StandardCharsets.UTF_8)));
                line.reset();
                consumed = read;
            } else {
                line.write(b);
            }
        }
        return consumed;
    }

    static LogLine parse(String line) {
        if (line.length() > TIMESTAMP_LENGTH && line.charAt(TIMESTAMP_LENGTH) == ' ') {
            try {
                Instant timestamp = LogLine.TIMESTAMP.parse(line.substring(0, TIMESTAMP_LENGTH), Instant::from);
                return new LogLine(timestamp, line.substring(TIMESTAMP_LENGTH + 1));
            } catch (DateTimeParseException e) {
                // not ours: shown whole below
            }
        }
        return new LogLine(Instant.EPOCH, line);
    }
}
