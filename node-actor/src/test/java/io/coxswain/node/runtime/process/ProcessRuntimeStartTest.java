package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.runtime.Await;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRuntimeStartTest extends ProcessRuntimeFixture {

    @Test
    void runsTheCommandAndReportsItRunning() {
        ContainerId id = startShell("echo hello; sleep 30");

        ContainerStatus status = awaitState(id, ContainerState.RUNNING);

        assertThat(status.pod()).isEqualTo(POD);
        assertThat(status.containerName()).isEqualTo("app");
        assertThat(status.attempt()).isZero();
        assertThat(status.image()).isEqualTo("busybox:1.36");
        assertThat(status.startedAt()).isNotNull();
        assertThat(status.exitCode()).isNull();
        assertThat(awaitLogContaining(id, "hello")).isEqualTo("hello\n");
    }

    @Test
    void aPodWithoutVolumesGetsASandboxToo() {
        var pod = new io.coxswain.node.runtime.PodRef("uid-without-volumes", "default", "plain");
        var plain = runtime.createSandbox(PodSandboxSpec.of(pod));
        assertThat(runtime.listSandboxes()).extracting(s -> s.pod().uid()).contains("uid-without-volumes");
        assertThat(plain.emptyDirs()).isEmpty();
        runtime.removeSandbox("uid-without-volumes");
    }

    @Test
    void reportsTheExitCodeOfACommandThatFails() {
        ContainerId id = startShell("exit 3");

        ContainerStatus status = awaitState(id, ContainerState.EXITED);

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.reason()).isEqualTo("Error");
        assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
    }

    @Test
    void reportsCompletedForExitCodeZero() {
        ContainerId id = start("app", "true");

        ContainerStatus status = awaitState(id, ContainerState.EXITED);

        assertThat(status.exitCode()).isZero();
        assertThat(status.reason()).isEqualTo("Completed");
    }

    @Test
    void appendsArgsToTheCommand() {
        ContainerId id = start(ContainerSpec.of("app", "busybox", "echo").withArgs("one", "two"), 0);

        awaitState(id, ContainerState.EXITED);

        assertThat(runtime.logs(id, LogOptions.all()).text()).isEqualTo("one two\n");
    }

    @Test
    void missingExecutableFailsTheStartWithRuncsMessage() {
        assertThatThrownBy(() -> start("app", "nosuchcmd"))
                .isInstanceOfSatisfying(ContainerStartException.class, e -> {
                    assertThat(e.reason()).isEqualTo("StartError");
                    assertThat(e.getMessage()).isEqualTo("exec: \"nosuchcmd\": executable file not found in $PATH");
                });
        assertThat(runtime.list()).isEmpty();
    }

    @Test
    void argsWithoutACommandRunAsTheCommandAsInAnImageWithoutEntrypoint() {
        ContainerId id = start(ContainerSpec.of("app", "coxswain/busybox:1").withArgs("sh", "-c", "echo from-args"), 0);

        assertThat(awaitLogContaining(id, "from-args")).contains("from-args");
    }

    @Test
    void missingCommandIsRefusedBecauseTheImageEntrypointIsUnknown() {
        ContainerSpec noCommand = ContainerSpec.of("app", "nginx:1.27");

        assertThatThrownBy(() -> start(noCommand, 0))
                .isInstanceOfSatisfying(ContainerStartException.class, e -> {
                    assertThat(e.reason()).isEqualTo("CreateContainerConfigError");
                    assertThat(e.getMessage()).contains("the process runtime needs a command");
                });
    }

    @Test
    void unresolvableImageFailsWithErrImagePull() {
        ContainerSpec spec = ContainerSpec.of("app", "missing/app:1", "true");

        assertThatThrownBy(() -> start(spec, 0))
                .isInstanceOfSatisfying(ImagePullException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ErrImagePull");
                    assertThat(e.getMessage()).contains("missing/app:1");
                });
    }

    @Test
    void startingTheSameAttemptTwiceIsRefused() {
        startShell("sleep 30");

        assertThatThrownBy(() -> startShell("sleep 30"))
                .isInstanceOfSatisfying(ContainerStartException.class,
                        e -> assertThat(e.reason()).isEqualTo("CreateContainerError"));
    }

    @Test
    void givesTheProcessExactlyTheSpecEnvPlusPathAndVolumes() {
        Path data = sandbox.emptyDirs().get("data");
        ContainerSpec spec = ContainerSpec.of("app", "busybox", "env")
                .withEnv(Map.of("GREETING", "hi"))
                .withVolumeMounts(new VolumeMount("data", data, "/data", false));

        ContainerId id = start(spec, 0);
        awaitState(id, ContainerState.EXITED);

        assertThat(runtime.logs(id, LogOptions.all()).text().lines())
                .containsExactlyInAnyOrder("GREETING=hi", "COXSWAIN_VOLUME_DATA=" + data,
                        "PATH=" + System.getenv("PATH"));
        assertThat(data).isDirectory();
    }

    @Test
    void aPwdInTheSpecEnvIsKeptAsGiven() {
        ContainerId id = start(ContainerSpec.of("app", "busybox", "env").withEnv(Map.of("PWD", "/given")), 0);

        awaitState(id, ContainerState.EXITED);

        assertThat(runtime.logs(id, LogOptions.all()).text().lines()).contains("PWD=/given");
    }

    @Test
    void runsInAPerAttemptDirectoryUnlessTheWorkingDirExistsOnTheHost() throws Exception {
        ContainerId defaulted = start(ContainerSpec.of("app", "busybox", "pwd").withWorkingDir("/no/such/dir"), 0);
        Path existing = Files.createDirectories(root.resolve("elsewhere"));
        ContainerId requested = start(ContainerSpec.of("other", "busybox", "pwd").withWorkingDir(existing.toString()), 0);

        awaitState(defaulted, ContainerState.EXITED);
        awaitState(requested, ContainerState.EXITED);

        assertThat(runtime.logs(defaulted, LogOptions.all()).text().trim())
                .endsWith("/pods/" + POD.uid() + "/containers/app-0");
        assertThat(runtime.logs(requested, LogOptions.all()).text().trim()).isEqualTo(existing.toString());
    }

    @Test
    void processesLeftBehindEndWithTheContainer() {
        ContainerId id = startShell("sleep 30 & echo child $!");
        long child = printedPid(id, "child");

        awaitState(id, ContainerState.EXITED);

        Await.until(AWAIT, () -> ProcStat.read(child), stat -> stat.isEmpty() || stat.get().isZombie());
    }

    @Test
    void removeDeletesTheAttemptAndRemoveSandboxEndsThePod() {
        ContainerId stopped = startShell("exit 0");
        awaitState(stopped, ContainerState.EXITED);
        ContainerId running = start("other", "sleep", "30");
        ProcessGroup group = ProcessReaper.groupOf(root, running);

        runtime.remove(stopped);
        assertThatThrownBy(() -> runtime.inspect(stopped)).isInstanceOf(ContainerNotFoundException.class);
        assertThat(root.resolve("pods").resolve(POD.uid()).resolve("containers").resolve("app-0")).doesNotExist();

        runtime.removeSandbox(POD.uid());
        assertThat(group.isEmpty()).isTrue();
        assertThat(runtime.list()).isEmpty();
        assertThat(runtime.listSandboxes()).isEmpty();
        assertThat(root.resolve("pods").resolve(POD.uid())).doesNotExist();
    }
}
