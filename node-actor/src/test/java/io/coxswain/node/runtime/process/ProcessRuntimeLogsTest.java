package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessRuntimeLogsTest extends ProcessRuntimeFixture {
    private static final String RFC3339_NANO_FIXED = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z";

    @Test
    void timestampsEveryLineWithTheTimeItWasWritten() {
        Instant before = Instant.now();
        ContainerId id = startShell("echo hello; echo oops >&2; sleep 30");
        awaitLogContaining(id, "oops");

        LogChunk chunk = runtime.logs(id, LogOptions.all().withTimestamps());

        assertThat(chunk.text().lines()).satisfiesExactly(
                line -> assertThat(line).matches(RFC3339_NANO_FIXED + " hello"),
                line -> assertThat(line).matches(RFC3339_NANO_FIXED + " oops"));
        assertThat(chunk.lines()).allSatisfy(line ->
                assertThat(line.timestamp()).isBetween(before, Instant.now()));
    }

    @Test
    void tailReturnsTheLastLines() {
        ContainerId id = startShell("for i in 1 2 3 4 5; do echo line$i; done; sleep 30");
        awaitLogContaining(id, "line5");

        assertThat(runtime.logs(id, LogOptions.all().tail(2)).text()).isEqualTo("line4\nline5\n");
        assertThat(runtime.logs(id, LogOptions.all().tail(0)).text()).isEmpty();
        assertThat(runtime.logs(id, LogOptions.all().tail(99)).text().lines()).hasSize(5);
    }

    @Test
    void sinceSecondsKeepsRecentLines() {
        ContainerId id = startShell("echo recent; sleep 30");
        awaitLogContaining(id, "recent");

        assertThat(runtime.logs(id, LogOptions.all().since(Duration.ofMinutes(1))).text()).isEqualTo("recent\n");
    }

    @Test
    void keepsALastLineWithoutNewline() {
        ContainerId id = startShell("printf 'no newline'");
        awaitState(id, ContainerState.EXITED);

        assertThat(runtime.logs(id, LogOptions.all()).text()).isEqualTo("no newline\n");
    }

    @Test
    void previousReadsTheAttemptBefore() {
        ContainerId first = start(ContainerSpec.of("app", "busybox", "sh", "-c", "echo first"), 0);
        awaitState(first, ContainerState.EXITED);
        ContainerId second = start(ContainerSpec.of("app", "busybox", "sh", "-c", "echo second; sleep 30"), 1);
        awaitLogContaining(second, "second");

        assertThat(runtime.logs(second, LogOptions.all().ofPreviousAttempt()).text()).isEqualTo("first\n");
        assertThatThrownBy(() -> runtime.logs(first, LogOptions.all().ofPreviousAttempt()))
                .isInstanceOf(ContainerNotFoundException.class)
                .hasMessage("previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void followingStreamsNewLinesUntilTheContainerEnds() {
        ContainerId id = startShell("echo a; sleep 0.3; echo b; sleep 0.3; echo c");

        String followed = assertTimeoutPreemptively(AWAIT, () -> {
            try (InputStream stream = runtime.followLogs(id, LogOptions.all().following())) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        });

        assertThat(followed).isEqualTo("a\nb\nc\n");
    }

    @Test
    void followingFromATailSkipsOlderLines() {
        ContainerId id = startShell("echo 1; echo 2; echo 3; sleep 0.3; echo 4");
        Await.until(AWAIT, () -> runtime.logs(id, LogOptions.all()).lines().size(), n -> n >= 3);

        String followed = assertTimeoutPreemptively(AWAIT, () -> {
            try (InputStream stream = runtime.followLogs(id, LogOptions.all().tail(1).following())) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        });

        assertThat(followed).endsWith("4\n").doesNotContain("1\n", "2\n");
    }
}
