package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.ResourceUsage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logs (tail, since, timestamps, previous, follow), exec and stats on the real engine. */
class DockerRuntimeLogsExecIT extends DockerRuntimeFixture {

    @Test
    void logsKeepBothStreamsEachInOrderAndTailTheLastLines() {
        ContainerId mixed = startShell("echo one; echo two >&2; echo three");
        ContainerId plain = start("plain", "sh", "-c", "echo a; echo b; echo c");
        awaitState(mixed, ContainerState.EXITED);
        awaitState(plain, ContainerState.EXITED);

        // The engine copies stdout and stderr from two pipes: each stream keeps its order, but a line of one
        // may be logged before an earlier line of the other (as with `docker logs`, and on Kubernetes).
        String both = runtime.logs(mixed, LogOptions.all()).text();
        assertThat(both.lines()).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(both.indexOf("one")).isLessThan(both.indexOf("three"));
        assertThat(runtime.logs(plain, LogOptions.all().tail(2)).text()).isEqualTo("b\nc\n");
        assertThat(runtime.logs(plain, LogOptions.all().tail(0)).text()).isEmpty();
    }

    @Test
    void timestampsAreTheTimesTheLinesWereWritten() {
        Instant before = Instant.now().minusSeconds(1);
        ContainerId id = startShell("echo stamped");
        awaitState(id, ContainerState.EXITED);

        var chunk = runtime.logs(id, LogOptions.all().withTimestamps());

        assertThat(chunk.lines()).hasSize(1);
        LogLine line = chunk.lines().get(0);
        assertThat(line.timestamp()).isBetween(before, Instant.now());
        assertThat(chunk.text()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z stamped\n");
    }

    @Test
    void sinceLeavesOutOlderLines() {
        ContainerId id = startShell("echo old; sleep 2; echo new; sleep 60");
        awaitLogContaining(id, "new");

        assertThat(runtime.logs(id, LogOptions.all().since(Duration.ofSeconds(1))).text()).isEqualTo("new\n");
    }

    @Test
    void previousReadsTheAttemptBefore() {
        ContainerId first = startShell("echo first attempt");
        awaitState(first, ContainerState.EXITED);
        ContainerId second = runtime.startContainer(sandbox, spec("app", "sh", "-c", "echo second; sleep 60"), 1).id();

        assertThat(runtime.logs(second, LogOptions.all().ofPreviousAttempt()).text()).isEqualTo("first attempt\n");
        assertThatThrownBy(() -> runtime.logs(first, LogOptions.all().ofPreviousAttempt()))
                .isInstanceOf(ContainerNotFoundException.class)
                .hasMessageContaining("previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void followStreamsNewLinesAndEndsWhenTheContainerExits() throws Exception {
        ContainerId id = startShell("echo a; sleep 1; echo b; sleep 1; echo c");

        try (InputStream stream = runtime.followLogs(id, LogOptions.all().following())) {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).isEqualTo("a\nb\nc\n");
        }
    }

    @Test
    void closingAFollowedLogEndsIt() throws Exception {
        ContainerId id = startShell("echo a; sleep 60");
        awaitLogContaining(id, "a");

        InputStream stream = runtime.followLogs(id, LogOptions.all().following());
        byte[] first = stream.readNBytes(2);
        stream.close();

        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("a\n");
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void execCapturesOutputAndExitCode() {
        ContainerId id = start("app", "sleep", "60");

        ExecResult result = runtime.exec(id, List.of("sh", "-c", "echo out; echo err >&2; exit 4"), Duration.ofSeconds(5));

        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.timedOut()).isFalse();
        assertThat(runtime.exec(id, List.of("true"), Duration.ofSeconds(5)).succeeded()).isTrue();
    }

    @Test
    void anExecOverrunningItsTimeoutIsKilled() {
        ContainerId id = start("app", "sleep", "60");

        long started = System.nanoTime();
        ExecResult result = runtime.exec(id, List.of("sleep", "30"), Duration.ofMillis(500));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        assertThat(runtime.exec(id, List.of("ps"), Duration.ofSeconds(5)).stdout()).doesNotContain("sleep 30");
    }

    @Test
    void execNeedsARunningContainer() {
        ContainerId id = start("app", "true");
        awaitState(id, ContainerState.EXITED);

        assertThatThrownBy(() -> runtime.exec(id, List.of("true"), Duration.ofSeconds(5)))
                .isInstanceOf(ContainerNotRunningException.class);
    }

    @Test
    void statsReportCpuAndMemoryOfARunningContainer() {
        ContainerId id = startShell("while true; do :; done");
        awaitState(id, ContainerState.RUNNING);
        runtime.stats(id); // the first sample averages since the start

        ResourceUsage usage = Await.until(AWAIT, () -> runtime.stats(id), u -> u.cpuMillicores() > 100);

        assertThat(usage.cpuUsageCoreNanos()).isPositive();
        assertThat(usage.memoryBytes()).isPositive();
        runtime.stop(id, Duration.ZERO);
        assertThat(runtime.stats(id).cpuMillicores()).isZero();
    }
}
