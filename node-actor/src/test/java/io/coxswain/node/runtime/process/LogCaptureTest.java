package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCaptureTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.000000123Z");

    @TempDir
    Path dir;

    private final LogCapture capture = new LogCapture(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timestampsCompleteLinesAndWaitsForTheRest() throws Exception {
        append("one\ntw");

        catchUp(false);
        assertThat(Files.readString(log())).isEqualTo("2026-01-02T03:04:05.000000123Z one\n");

        append("o\n\nthree");
        catchUp(false);
        catchUp(false);
        assertThat(texts()).containsExactly("one", "two", "");

        catchUp(true);
        assertThat(texts()).containsExactly("one", "two", "", "three");
    }

    @Test
    void aNewCaptureContinuesWhereTheLastStopped() throws Exception {
        append("one\n");
        catchUp(false);

        append("two\n");
        new LogCapture(Clock.fixed(NOW, ZoneOffset.UTC)).catchUp(raw(), offset(), log(), false);

        assertThat(texts()).containsExactly("one", "two");
    }

    @Test
    void cutsOverlongLines() throws Exception {
        append("x".repeat(LogCapture.MAX_LINE_BYTES + 10) + "\n");

        catchUp(false);

        assertThat(texts()).extracting(String::length).containsExactly(LogCapture.MAX_LINE_BYTES, 10);
    }

    private List<String> texts() throws Exception {
        return TimestampedLogFile.read(log(), LogOptions.all(), NOW).stream().map(LogLine::text).toList();
    }

    private void catchUp(boolean ended) throws Exception {
        capture.catchUp(raw(), offset(), log(), ended);
    }

    private void append(String text) throws Exception {
        Files.write(raw(), text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Path raw() {
        return dir.resolve("output");
    }

    private Path offset() {
        return dir.resolve("output.offset");
    }

    private Path log() {
        return dir.resolve("0.log");
    }
}
