package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.LogOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessRuntimeStopTest extends ProcessRuntimeFixture {

    @Test
    void aProcessHandlingTermExitsCleanlyWithinTheGrace() {
        ContainerId id = startShell("trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        awaitLogContaining(id, "ready");

        long started = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(10));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        ContainerStatus status = runtime.inspect(id);
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isZero();
        assertThat(status.reason()).isEqualTo("Completed");
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        assertThat(runtime.logs(id, LogOptions.all()).text()).contains("bye\n");
    }

    @Test
    void aProcessEndedByTermReportsExitCode143() {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);

        runtime.stop(id, Duration.ofSeconds(10));

        ContainerStatus status = runtime.inspect(id);
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(status.reason()).isEqualTo("Error");
    }

    @Test
    void aGroupIgnoringTermIsKilledAfterTheGraceChildrenIncluded() {
        ContainerId id = startShell("trap '' TERM; sleep 30 & echo child $!; wait");
        long child = printedPid(id, "child");
        long childStart = startTicksOf(child);
        ProcessGroup group = ProcessReaper.groupOf(root, id);
        assertThat(group.members()).extracting(ProcStat::pid).contains(child);
        Duration grace = Duration.ofSeconds(1);

        long started = System.nanoTime();
        runtime.stop(id, grace);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(grace);
        assertThat(group.members()).isEmpty();
        assertThat(processGone(child, childStart)).isTrue();
        ContainerStatus status = runtime.inspect(id);
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.reason()).isEqualTo("Error");
    }

    @Test
    void stoppingAnExitedContainerChangesNothing() {
        ContainerId id = startShell("exit 7");
        ContainerStatus exited = awaitState(id, ContainerState.EXITED);

        runtime.stop(id, Duration.ofSeconds(1));

        assertThat(runtime.inspect(id)).isEqualTo(exited);
    }
}
