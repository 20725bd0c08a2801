package io.coxswain.node.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Which output of a container to read: the fields of Kubernetes' PodLogOptions that the node serves.
 *
 * @param tailLines    the last n lines only; null for all
 * @param sinceSeconds only lines written in the last n seconds; null for all
 * @param timestamps   prefix every line with the time it was written (RFC 3339, nanoseconds)
 * @param previous     the previous attempt of the container instead of the given one
 */
public record LogOptions(boolean follow, Integer tailLines, Long sinceSeconds, boolean timestamps, boolean previous) {
    public LogOptions {
        if (tailLines != null && tailLines < 0) {
            throw new IllegalArgumentException("tailLines must not be negative");
        }
        if (sinceSeconds != null && sinceSeconds < 0) {
            throw new IllegalArgumentException("sinceSeconds must not be negative");
        }
    }

    public static LogOptions all() {
        return new LogOptions(false, null, null, false, false);
    }

    public LogOptions tail(int lines) {
        return new LogOptions(follow, lines, sinceSeconds, timestamps, previous);
    }

    public LogOptions since(Duration age) {
        return new LogOptions(follow, tailLines, age.toSeconds(), timestamps, previous);
    }

    public LogOptions withTimestamps() {
        return new LogOptions(follow, tailLines, sinceSeconds, true, previous);
    }

    public LogOptions ofPreviousAttempt() {
        return new LogOptions(follow, tailLines, sinceSeconds, timestamps, true);
    }

    public LogOptions following() {
        return new LogOptions(true, tailLines, sinceSeconds, timestamps, previous);
    }

    /** The oldest timestamp a line may have, or null when {@code sinceSeconds} is not set. */
    public Instant cutoff(Instant now) {
        return sinceSeconds == null ? null : now.minusSeconds(sinceSeconds);
    }

    public boolean admits(LogLine line, Instant cutoff) {
        return cutoff == null || !line.timestamp().isBefore(cutoff);
    }
}
