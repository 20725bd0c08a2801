package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A process runtime on a fresh root with one pod sandbox; every process started under the root is killed afterwards. */
abstract class ProcessRuntimeFixture {
    static final Duration AWAIT = Duration.ofSeconds(10);
    static final PodRef POD = new PodRef("0b1c2d3e-0000-4000-8000-000000000001", "default", "web");

    @TempDir
    Path root;
    ProcessRuntime runtime;
    SandboxHandle sandbox;
    private final List<ProcessRuntime> runtimes = new ArrayList<>();

    @BeforeEach
    void startRuntime() {
        runtime = newRuntime();
        sandbox = runtime.createSandbox(PodSandboxSpec.of(POD, "data"));
    }

    @AfterEach
    void killEverything() {
        ProcessReaper.killAllUnder(root);
        runtimes.forEach(ProcessRuntime::close);
    }

    /** Another runtime instance on the same root, as an agent restarted on the same node would make. */
    ProcessRuntime newRuntime() {
        ProcessRuntimeSettings defaults = ProcessRuntimeSettings.defaults(root);
        ProcessRuntime created = new ProcessRuntime(new ProcessRuntimeSettings(root, defaults.images(),
                defaults.podIp(), Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofSeconds(5),
                Duration.ofSeconds(2), defaults.execOutputLimit()));
        runtimes.add(created);
        return created;
    }

    ContainerId start(String name, String... command) {
        return start(ContainerSpec.of(name, "busybox:1.36", command), 0);
    }

    ContainerId start(ContainerSpec spec, int attempt) {
        return runtime.startContainer(sandbox, spec, attempt).id();
    }

    /** Starts {@code sh -c script} as container "app", attempt 0. */
    ContainerId startShell(String script) {
        return start("app", "sh", "-c", script);
    }

    ContainerStatus awaitState(ProcessRuntime on, ContainerId id, ContainerState state) {
        return Await.until(AWAIT, () -> on.inspect(id), status -> status.state() == state);
    }

    ContainerStatus awaitState(ContainerId id, ContainerState state) {
        return awaitState(runtime, id, state);
    }

    String awaitLogContaining(ContainerId id, String text) {
        return Await.until(AWAIT, () -> runtime.logs(id, LogOptions.all()).text(), log -> log.contains(text));
    }

    /** The pid a script printed as "{@code label <pid>}". */
    long printedPid(ContainerId id, String label) {
        String log = awaitLogContaining(id, label + " ");
        String line = log.lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(label.length() + 1).trim());
    }

    static boolean processGone(long pid, long startTicks) {
        return ProcStat.read(pid).map(stat -> stat.isZombie() || stat.startTicks() != startTicks).orElse(true);
    }

    static long startTicksOf(long pid) {
        return ProcStat.read(pid).orElseThrow().startTicks();
    }
}
