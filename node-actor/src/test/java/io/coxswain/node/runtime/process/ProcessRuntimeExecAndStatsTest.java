package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.ResourceUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRuntimeExecAndStatsTest extends ProcessRuntimeFixture {

    @Test
    void execRunsInTheContainersDirectoryAndEnvironment() {
        ContainerId id = start(ContainerSpec.of("app", "busybox", "sleep", "30").withEnv(Map.of("GREETING", "hi")), 0);
        awaitState(id, ContainerState.RUNNING);

        ExecResult result = runtime.exec(id, List.of("sh", "-c", "echo $GREETING; pwd; echo err >&2; exit 2"),
                Duration.ofSeconds(5));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout().lines()).containsExactly("hi", root.resolve("pods/" + POD.uid() + "/containers/app-0").toString());
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void execOverrunningItsTimeoutIsKilled() {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);

        long started = System.nanoTime();
        ExecResult result = runtime.exec(id, List.of("sh", "-c", "sleep 30 & echo $!; wait"), Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        long child = Long.parseLong(result.stdout().trim());
        assertThat(ProcStat.read(child).filter(stat -> !stat.isZombie())).isEmpty();
    }

    @Test
    void execOfAMissingCommandFailsLikeAShell() {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);

        ExecResult result = runtime.exec(id, List.of("nosuchcmd"), Duration.ofSeconds(5));

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("executable file not found in $PATH");
    }

    @Test
    void execNeedsARunningContainer() {
        ContainerId id = startShell("exit 0");
        awaitState(id, ContainerState.EXITED);

        assertThatThrownBy(() -> runtime.exec(id, List.of("true"), Duration.ofSeconds(5)))
                .isInstanceOf(ContainerNotRunningException.class);
    }

    @Test
    void statsReportResidentMemoryAndCpuOfTheGroup() {
        ContainerId id = startShell("i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo spun; sleep 30");
        awaitLogContaining(id, "spun");

        ResourceUsage first = runtime.stats(id);
        ResourceUsage second = runtime.stats(id);

        assertThat(first.memoryBytes()).isPositive();
        assertThat(first.cpuUsageCoreNanos()).isPositive();
        assertThat(first.cpuMillicores()).isPositive();
        assertThat(second.cpuUsageCoreNanos()).isGreaterThanOrEqualTo(first.cpuUsageCoreNanos());
        assertThat(second.cpuMillicores()).isNotNegative();
    }

    @Test
    void anExitedContainerUsesNothing() {
        ContainerId id = startShell("exit 0");
        awaitState(id, ContainerState.EXITED);

        ResourceUsage usage = runtime.stats(id);

        assertThat(usage.memoryBytes()).isZero();
        assertThat(usage.cpuMillicores()).isZero();
    }
}
