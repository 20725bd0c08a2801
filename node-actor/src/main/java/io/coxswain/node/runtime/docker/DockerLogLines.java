package io.coxswain.node.runtime.docker;

import io.coxswain.node.runtime.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of the engine's log endpoint, asked for with {@code timestamps=true}: every entry the container
 * wrote comes as {@code <RFC 3339 nano time> <text>\n}. The engine stores one entry per line (a last line without a
 * newline is an entry of its own), so a frame holds whole lines; the timestamp is kept so that {@code --timestamps}
 * and {@code --since-time} show the time the line was written.
 */
final class DockerLogLines {
    private Instant last = Instant.EPOCH;

    List<LogLine> parse(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        List<LogLine> lines = new ArrayList<>();
        for (String entry : text.split("\n", -1)) {
            lines.add(line(entry));
        }
        return lines;
    }

    private LogLine line(String entry) {
        int space = entry.indexOf(' ');
        if (space > 0) {
            try {
                last = Instant.parse(entry.substring(0, space));
                return new LogLine(last, entry.substring(space + 1));
            } catch (DateTimeParseException e) {
                // a continuation without a timestamp: it belongs to the previous entry's time
            }
        }
        return new LogLine(last, entry);
    }
}
