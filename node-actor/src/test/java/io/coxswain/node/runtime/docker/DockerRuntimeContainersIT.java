package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerResources;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ImagePreparation;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.SandboxHandle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting, listing, adopting, stopping and removing containers on the real engine. */
class DockerRuntimeContainersIT extends DockerRuntimeFixture {

    @Test
    void aStartedContainerRunsInItsPodAndIsListedWithItsPodAndAttempt() {
        ContainerHandle handle = runtime.startContainer(sandbox, spec("app", "sh", "-c", "echo hello; sleep 60"), 0);

        assertThat(sandbox.podIp()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+").isNotEqualTo("127.0.0.1");
        assertThat(handle.pod()).isEqualTo(pod);
        assertThat(handle.startedAt()).isNotNull();
        assertThat(handle.image()).isEqualTo(new ImagePreparation("Pulled",
                "Container image \"" + IMAGE + "\" already present on machine"));
        ContainerStatus status = runtime.inspect(handle.id());
        assertThat(status.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(status.pod()).isEqualTo(pod);
        assertThat(status.containerName()).isEqualTo("app");
        assertThat(status.attempt()).isZero();
        assertThat(status.image()).isEqualTo(IMAGE);
        assertThat(runtime.list()).extracting(ContainerStatus::id).containsExactly(handle.id());
        assertThat(awaitLogContaining(handle.id(), "hello")).isEqualTo("hello\n");
        // The engine shows it as the pod's: joined to the sandbox's network, under an init.
        var engineView = engineView(handle.id());
        assertThat(engineView.getHostConfig().getNetworkMode()).startsWith("container:");
        assertThat(engineView.getHostConfig().getInit()).isTrue();
        assertThat(engineView.getConfig().getLabels()).containsEntry(DockerLabels.POD_UID, pod.uid())
                .containsEntry(DockerLabels.POD_NAMESPACE, "default").containsEntry(DockerLabels.POD_NAME, "web")
                .containsEntry(DockerLabels.CONTAINER_NAME, "app").containsEntry(DockerLabels.ATTEMPT, "0");
    }

    @Test
    void createSandboxAgainReturnsTheSameSandbox() {
        SandboxHandle again = runtime.createSandbox(io.coxswain.node.runtime.PodSandboxSpec.of(pod, "data"));

        assertThat(again).isEqualTo(sandbox);
        assertThat(runtime.listSandboxes()).containsExactly(sandbox);
        assertThat(sandbox.emptyDirs()).containsOnlyKeys("data");
    }

    @Test
    void anotherRuntimeInstanceAdoptsRunningContainersAndCanStopThem() {
        ContainerId id = startShell("echo started; sleep 60");
        awaitLogContaining(id, "started");
        runtime.close();

        DockerRuntime restarted = newRuntime();

        assertThat(restarted.listSandboxes()).containsExactly(sandbox);
        ContainerStatus adopted = restarted.list().get(0);
        assertThat(adopted.id()).isEqualTo(id);
        assertThat(adopted.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(adopted.pod()).isEqualTo(pod);
        assertThat(restarted.logs(id, LogOptions.all()).text()).isEqualTo("started\n");
        restarted.stop(id, Duration.ofSeconds(5));
        assertThat(restarted.inspect(id).state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void anotherNodeOnTheSameEngineSeesNoneOfThisNodesContainers() {
        start("app", "sleep", "60");
        DockerRuntime other = new DockerRuntime(DockerRuntimeSettings.defaults(node + "-other", root).withHost(HOST));
        try {
            assertThat(other.list()).isEmpty();
            assertThat(other.listSandboxes()).isEmpty();
            ContainerId id = runtime.list().get(0).id();
            assertThatThrownBy(() -> other.inspect(id)).isInstanceOf(ContainerNotFoundException.class);
        } finally {
            other.close();
        }
    }

    @Test
    void stopSendsTermAndAProcessHandlingItExitsWithinTheGrace() {
        ContainerId id = startShell("trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        awaitLogContaining(id, "ready");

        long started = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(10));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        ContainerStatus status = runtime.inspect(id);
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isZero();
        assertThat(status.reason()).isEqualTo("Completed");
        assertThat(status.finishedAt()).isNotNull();
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        assertThat(runtime.logs(id, LogOptions.all()).text()).contains("bye\n");
    }

    @Test
    void aPlainCommandEndedByTermReportsExitCode143() {
        ContainerId id = start("app", "sleep", "60");

        runtime.stop(id, Duration.ofSeconds(10));

        ContainerStatus status = runtime.inspect(id);
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(status.reason()).isEqualTo("Error");
    }

    @Test
    void aContainerIgnoringTermIsKilledAfterTheGrace() {
        ContainerId id = startShell("trap '' TERM; echo ready; while true; do sleep 0.1; done");
        awaitLogContaining(id, "ready");
        Duration grace = Duration.ofSeconds(1);

        long started = System.nanoTime();
        runtime.stop(id, grace);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(grace).isLessThan(Duration.ofSeconds(6));
        ContainerStatus status = runtime.inspect(id);
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(engineView(id).getState().getRunning()).isFalse();
    }

    @Test
    void aContainerThatEndsOnItsOwnReportsItsExitCode() {
        ContainerId ok = start("ok", "true");
        ContainerId failing = startShell("exit 3");

        assertThat(awaitState(ok, ContainerState.EXITED)).satisfies(s -> {
            assertThat(s.exitCode()).isZero();
            assertThat(s.reason()).isEqualTo("Completed");
        });
        assertThat(awaitState(failing, ContainerState.EXITED)).satisfies(s -> {
            assertThat(s.exitCode()).isEqualTo(3);
            assertThat(s.reason()).isEqualTo("Error");
        });
    }

    @Test
    void removeDeletesTheAttemptAndRemoveSandboxEverythingOfThePod() {
        ContainerId first = start("app", "sleep", "60");
        ContainerId second = start("side", "sleep", "60");

        runtime.remove(first);

        assertThatThrownBy(() -> runtime.inspect(first)).isInstanceOf(ContainerNotFoundException.class);
        assertThat(runtime.list()).extracting(ContainerStatus::id).containsExactly(second);
        runtime.remove(first); // a second time: nothing to do

        runtime.removeSandbox(pod.uid());

        assertThat(runtime.list()).isEmpty();
        assertThat(runtime.listSandboxes()).isEmpty();
        assertThat(containersOfThisNode()).isEmpty();
        assertThat(sandbox.emptyDirs().get("data")).doesNotExist();
        runtime.removeSandbox(pod.uid()); // unknown now: no-op
    }

    @Test
    void oneAttemptStartsOnce() {
        start("app", "sleep", "60");

        assertThatThrownBy(() -> start("app", "sleep", "60"))
                .isInstanceOf(ContainerStartException.class)
                .extracting(e -> ((ContainerStartException) e).reason())
                .isEqualTo(ContainerStartException.CREATE_CONTAINER_ERROR);
    }

    @Test
    void anImageTheEngineDoesNotHaveIsNotPulledButFailsWithErrImagePull() {
        String image = "coxswain/no-such-image:" + node;

        assertThatThrownBy(() -> runtime.startContainer(sandbox, ContainerSpec.of("app", image, "sleep", "1"), 0))
                .isInstanceOf(ImagePullException.class)
                .satisfies(e -> {
                    assertThat(((ContainerRuntimeException) e).reason()).isEqualTo("ErrImagePull");
                    assertThat(e.getMessage()).contains("Failed to pull image \"" + image + "\"")
                            .contains("not present on node " + node);
                });
        assertThat(runtime.list()).isEmpty();
    }

    @Test
    void aCommandTheImageDoesNotHaveFailsToStartWithTheEnginesWords() {
        assertThatThrownBy(() -> start("app", "no-such-command", "x"))
                .isInstanceOf(ContainerStartException.class)
                .satisfies(e -> {
                    assertThat(((ContainerRuntimeException) e).reason()).isEqualTo(ContainerStartException.START_ERROR);
                    assertThat(e.getMessage()).contains("no-such-command").contains("not found");
                });

        // The attempt stays, as one that never ran: the agent backs off before the next one.
        ContainerStatus failed = runtime.list().get(0);
        assertThat(failed.state()).isEqualTo(ContainerState.EXITED);
        assertThat(failed.exitCode()).isEqualTo(ContainerStartException.EXIT_CODE);
        assertThat(failed.reason()).isEqualTo(ContainerStartException.START_ERROR);
        assertThat(failed.message()).contains("no-such-command");
        assertThat(failed.finishedAt()).isNotNull();
        // The next attempt starts normally.
        ContainerId next = runtime.startContainer(sandbox, spec("app", "sleep", "60"), 1).id();
        assertThat(awaitState(next, ContainerState.RUNNING).attempt()).isEqualTo(1);
    }

    @Test
    void envWorkingDirArgsAndLimitsReachTheContainer() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello world");
        ContainerSpec spec = spec("app", "sh", "-c").withArgs("echo \"$GREETING\" from $(pwd) $0", "arg-zero")
                .withEnv(env).withWorkingDir("/tmp")
                .withResources(new ContainerResources(250, 0, 500, 64L * 1024 * 1024));

        ContainerId id = runtime.startContainer(sandbox, spec, 0).id();

        assertThat(awaitLogContaining(id, "hello")).isEqualTo("hello world from /tmp arg-zero\n");
        var host = engineView(id).getHostConfig();
        assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getCpuShares()).isEqualTo(256);
    }
}
