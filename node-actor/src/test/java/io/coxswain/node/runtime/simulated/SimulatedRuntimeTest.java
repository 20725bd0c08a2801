package io.coxswain.node.runtime.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.testing.ManualClock;
import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerResources;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.ResourceUsage;
import io.coxswain.node.runtime.SandboxHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedRuntimeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PodRef POD = new PodRef("uid-1", "default", "web");

    private final ManualClock clock = new ManualClock(T0);
    private final SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntimeSettings.defaults()
            .withClock(clock).withStartDelay(Duration.ofSeconds(2)).withPodCidr("10.1.2.0/24"));
    private final SandboxHandle sandbox = runtime.createSandbox(PodSandboxSpec.of(POD));

    @Test
    void saysItUsesNoImage() {
        ContainerHandle handle = runtime.startContainer(sandbox, ContainerSpec.of("app", "nginx"), 0);
        assertThat(handle.image().reason()).isEqualTo("Simulated");
        assertThat(handle.image().message()).isEqualTo("Image \"nginx\" is not used by the simulated runtime: "
                + "nothing runs");
    }

    @Test
    void runsAfterTheStartDelayAndUntilStopped() {
        ContainerId id = start(ContainerSpec.of("app", "nginx"));
        assertThat(runtime.inspect(id).state()).isEqualTo(ContainerState.CREATED);

        clock.advance(Duration.ofSeconds(2));
        ContainerStatus running = runtime.inspect(id);
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(2));

        clock.advance(Duration.ofHours(1));
        assertThat(runtime.inspect(id).state()).isEqualTo(ContainerState.RUNNING);

        runtime.stop(id, Duration.ofSeconds(30));
        ContainerStatus stopped = runtime.inspect(id);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.reason()).isEqualTo("Completed");
        assertThat(stopped.finishedAt()).isEqualTo(T0.plusSeconds(2).plus(Duration.ofHours(1)));
    }

    @Test
    void exitsWithTheSimulatedCodeAfterTheSimulatedRunTime() {
        ContainerId id = start(ContainerSpec.of("job", "busybox", "sh", "-c", "exit 3")
                .withEnv(Map.of("SIMULATE_EXIT_CODE", "3", "SIMULATE_RUN_SECONDS", "1.5")));

        clock.advance(Duration.ofMillis(3499));
        assertThat(runtime.inspect(id).state()).isEqualTo(ContainerState.RUNNING);

        clock.advance(Duration.ofMillis(1));
        ContainerStatus exited = runtime.inspect(id);
        assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.reason()).isEqualTo("Error");
        assertThat(exited.finishedAt()).isEqualTo(T0.plusMillis(3500));

        runtime.stop(id, Duration.ZERO);
        assertThat(runtime.inspect(id)).isEqualTo(exited);
    }

    @Test
    void anExitCodeAloneExitsAsSoonAsItRuns() {
        ContainerId id = start(ContainerSpec.of("job", "busybox").withEnv(Map.of("SIMULATE_EXIT_CODE", "0")));

        clock.advance(Duration.ofSeconds(2));

        assertThat(runtime.inspect(id)).satisfies(status -> {
            assertThat(status.state()).isEqualTo(ContainerState.EXITED);
            assertThat(status.reason()).isEqualTo("Completed");
        });
    }

    @Test
    void aMalformedKnobIsAConfigError() {
        ContainerSpec spec = ContainerSpec.of("job", "busybox").withEnv(Map.of("SIMULATE_EXIT_CODE", "three"));

        assertThatThrownBy(() -> start(spec))
                .isInstanceOfSatisfying(ContainerStartException.class,
                        e -> assertThat(e.reason()).isEqualTo("CreateContainerConfigError"));
    }

    @Test
    void statsReportTheRequestsWhileRunning() {
        ContainerId id = start(ContainerSpec.of("app", "nginx")
                .withResources(new ContainerResources(250, 64 << 20, 500, 128 << 20)));
        assertThat(runtime.stats(id).memoryBytes()).isZero();

        clock.advance(Duration.ofSeconds(12));
        ResourceUsage usage = runtime.stats(id);

        assertThat(usage.cpuMillicores()).isEqualTo(250);
        assertThat(usage.memoryBytes()).isEqualTo(64 << 20);
        assertThat(usage.cpuUsageCoreNanos()).isEqualTo(Duration.ofMillis(2500).toNanos());
    }

    @Test
    void statsFollowTheUsageKnobs() {
        ContainerId id = start(ContainerSpec.of("app", "nginx")
                .withEnv(Map.of("SIMULATE_CPU_MILLICORES", "900", "SIMULATE_MEMORY_BYTES", "1000")));
        clock.advance(Duration.ofSeconds(2));

        assertThat(runtime.stats(id)).satisfies(usage -> {
            assertThat(usage.cpuMillicores()).isEqualTo(900);
            assertThat(usage.memoryBytes()).isEqualTo(1000);
        });
    }

    @Test
    void anUnresolvableImageFailsWithErrImagePull() {
        assertThatThrownBy(() -> start(ContainerSpec.of("app", "missing/nginx")))
                .isInstanceOfSatisfying(ImagePullException.class, e -> assertThat(e.reason()).isEqualTo("ErrImagePull"));
    }

    @Test
    void listLabelsContainersWithTheirPod() {
        start(ContainerSpec.of("app", "nginx"));
        start(ContainerSpec.of("sidecar", "envoy"));

        List<ContainerStatus> listed = runtime.list();

        assertThat(listed).extracting(ContainerStatus::containerName).containsExactlyInAnyOrder("app", "sidecar");
        assertThat(listed).allSatisfy(status -> assertThat(status.pod()).isEqualTo(POD));
    }

    @Test
    void sandboxesGetAddressesFromThePodCidr() {
        SandboxHandle other = runtime.createSandbox(PodSandboxSpec.of(new PodRef("uid-2", "default", "db")));

        assertThat(sandbox.podIp()).isEqualTo("10.1.2.1");
        assertThat(other.podIp()).isEqualTo("10.1.2.2");
        assertThat(runtime.createSandbox(PodSandboxSpec.of(POD))).isEqualTo(sandbox);
    }

    @Test
    void execSucceedsOnlyWhileRunningAndLogsAreEmpty() {
        ContainerId id = start(ContainerSpec.of("app", "nginx"));
        assertThatThrownBy(() -> runtime.exec(id, List.of("true"), Duration.ofSeconds(1)))
                .isInstanceOf(ContainerNotRunningException.class);

        clock.advance(Duration.ofSeconds(2));

        assertThat(runtime.exec(id, List.of("true"), Duration.ofSeconds(1)).succeeded()).isTrue();
        assertThat(runtime.logs(id, LogOptions.all()).text()).isEmpty();
        assertThatThrownBy(() -> runtime.logs(id, LogOptions.all().ofPreviousAttempt()))
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void removingTheSandboxForgetsItsContainers() {
        ContainerId id = start(ContainerSpec.of("app", "nginx"));

        runtime.removeSandbox(POD.uid());

        assertThat(runtime.list()).isEmpty();
        assertThat(runtime.listSandboxes()).isEmpty();
        assertThatThrownBy(() -> runtime.inspect(id)).isInstanceOf(ContainerNotFoundException.class);
    }

    private ContainerId start(ContainerSpec spec) {
        return runtime.startContainer(sandbox, spec, 0).id();
    }
}
