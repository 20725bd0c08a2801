package io.coxswain.node.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** One line a container wrote (without its newline) and when it was written. */
public record LogLine(Instant timestamp, String text) {
    /**
     * Kubernetes' RFC3339NanoFixed: always nine fraction digits, so timestamps line up and sort as text (the kubelet
     * writes CRI logs and {@code --timestamps} output this way).
     */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    public LogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
    }

    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** The line as {@code kubectl logs} prints it, newline included. */
    public String render(boolean withTimestamp) {
        return withTimestamp ? formatTimestamp(timestamp) + " " + text + "\n" : text + "\n";
    }
}
