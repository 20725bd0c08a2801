package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampedLogFileTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void sinceSecondsDropsOlderLines() throws Exception {
        Path log = write(line(NOW.minusSeconds(100), "old"), line(NOW.minusSeconds(10), "recent"), line(NOW, "now"));

        List<LogLine> lines = TimestampedLogFile.read(log, LogOptions.all().since(Duration.ofSeconds(30)), NOW);

        assertThat(lines).extracting(LogLine::text).containsExactly("recent", "now");
    }

    @Test
    void tailAndSinceTogetherKeepTheRecentLinesOfTheTail() throws Exception {
        Path log = write(line(NOW.minusSeconds(100), "a"), line(NOW.minusSeconds(100), "b"),
                line(NOW.minusSeconds(5), "c"), line(NOW, "d"));

        List<LogLine> lines = TimestampedLogFile.read(log, LogOptions.all().tail(3).since(Duration.ofSeconds(30)), NOW);

        assertThat(lines).extracting(LogLine::text).containsExactly("c", "d");
    }

    @Test
    void tailReadsBackwardsAcrossBlocks() throws Exception {
        String[] lines = IntStream.range(0, 2000).mapToObj(i -> line(NOW, "line " + i)).toArray(String[]::new);
        Path log = write(lines);

        assertThat(TimestampedLogFile.read(log, LogOptions.all().tail(3), NOW))
                .extracting(LogLine::text).containsExactly("line 1997", "line 1998", "line 1999");
        assertThat(TimestampedLogFile.read(log, LogOptions.all().tail(5000), NOW)).hasSize(2000);
        assertThat(TimestampedLogFile.tailStart(log, 0)).isEqualTo(Files.size(log));
    }

    @Test
    void anUnfinishedLastLineIsNeitherReadNorCounted() throws Exception {
        Path log = dir.resolve("0.log");
        Files.writeString(log, line(NOW, "a") + line(NOW, "b") + "2026-01-02T03:04:05.0000");

        assertThat(TimestampedLogFile.read(log, LogOptions.all().tail(1), NOW))
                .extracting(LogLine::text).containsExactly("b");
    }

    @Test
    void rendersAsKubectlPrints() throws Exception {
        Path log = write(line(Instant.parse("2026-01-02T03:04:05.12Z"), "hello"));

        LogChunk withTimestamps = new LogChunk(TimestampedLogFile.read(log, LogOptions.all(), NOW), true);

        assertThat(withTimestamps.text()).isEqualTo("2026-01-02T03:04:05.120000000Z hello\n");
    }

    @Test
    void aLineWithoutTimestampIsKeptWhole() {
        assertThat(TimestampedLogFile.parse("not a timestamp")).isEqualTo(new LogLine(Instant.EPOCH, "not a timestamp"));
    }

    private Path write(String... lines) throws Exception {
        Path log = dir.resolve("0.log");
        Files.writeString(log, String.join("", lines));
        return log;
    }

    private static String line(Instant at, String text) {
        return LogLine.formatTimestamp(at) + " " + text + "\n";
    }
}
