package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerLogLinesTest {
    private final DockerLogLines parser = new DockerLogLines();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryIsATimestampedLine() {
        assertThat(parser.parse(bytes("2026-11-27T08:35:10.123456789Z hello world\n")))
                .containsExactly(new LogLine(Instant.parse("2026-11-27T08:35:10.123456789Z"), "hello world"));
    }

    @Test
    void theEngineTrimsTrailingZerosOfTheFractionAndEmptyLinesStayEmpty() {
        assertThat(parser.parse(bytes("2026-11-27T08:35:10.1Z \n")))
                .containsExactly(new LogLine(Instant.parse("2026-11-27T08:35:10.100Z"), ""));
    }

    @Test
    void aLastLineWithoutNewlineIsALineAndAContinuationKeepsThePreviousTime() {
        assertThat(parser.parse(bytes("2026-11-27T08:35:10Z first\nno stamp here")))
                .containsExactly(new LogLine(Instant.parse("2026-11-27T08:35:10Z"), "first"),
                        new LogLine(Instant.parse("2026-11-27T08:35:10Z"), "no stamp here"));
    }
}
