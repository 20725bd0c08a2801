package io.coxswain.node.runtime.simulated;

import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.ImagePreparation;
import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.ResourceUsage;
import io.coxswain.node.runtime.SandboxHandle;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime that runs nothing (kwok's idea): containers go CREATED, then RUNNING after the start delay, and run
 * until stopped or until their {@link SimulationKnobs} end them, all by the clock. One JVM can so host the
 * containers of many virtual nodes, one instance per node. Logs are empty, exec succeeds while running, stats report
 * what the container requested. Everything lives in memory: a new instance knows no containers, as after a reboot.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    public static final String NAME = "simulated";

    private final SimulatedRuntimeSettings settings;
    private final PodAddresses addresses;
    private final Map<String, SandboxHandle> sandboxes = new ConcurrentHashMap<>();
    private final Map<ContainerId, SimulatedContainer> containers = new ConcurrentHashMap<>();

    public SimulatedRuntime(SimulatedRuntimeSettings settings) {
        this.settings = settings;
        this.addresses = PodAddresses.parse(settings.podCidr());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SandboxHandle createSandbox(PodSandboxSpec spec) {
        return sandboxes.computeIfAbsent(spec.pod().uid(),
                uid -> new SandboxHandle(spec.pod(), addresses.next(), Map.of()));
    }

    @Override
    public List<SandboxHandle> listSandboxes() {
        return List.copyOf(sandboxes.values());
    }

    @Override
    public void removeSandbox(String podUid) {
        containers.values().removeIf(container -> container.pod().uid().equals(podUid));
        sandboxes.remove(podUid);
    }

    @Override
    public ContainerHandle startContainer(SandboxHandle sandbox, ContainerSpec spec, int attempt) {
        settings.images().require(spec.image());
        SimulationKnobs knobs = SimulationKnobs.from(spec.env());
        SandboxHandle known = sandboxes.get(sandbox.podUid());
        if (known == null) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR,
                    "no sandbox for pod " + sandbox.pod());
        }
        ContainerId id = new ContainerId(sandbox.podUid() + "_" + spec.name() + "_" + attempt);
        Instant now = now();
        SimulatedContainer container = new SimulatedContainer(id, known.pod(), spec.name(), attempt, spec.image(),
                spec.resources(), knobs, now.plus(settings.startDelay()));
        if (containers.putIfAbsent(id, container) != null) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR, "attempt " + attempt
                    + " of container \"" + spec.name() + "\" of pod " + known.pod() + " exists already");
        }
        return new ContainerHandle(id, known.pod(), spec.name(), attempt, container.runningAt(),
                new ImagePreparation("Simulated", "Image \"" + spec.image()
                        + "\" is not used by the simulated runtime: nothing runs"));
    }

    @Override
    public ContainerStatus inspect(ContainerId id) {
        return container(id).statusAt(now());
    }

    @Override
    public List<ContainerStatus> list() {
        Instant now = now();
        List<ContainerStatus> statuses = new ArrayList<>();
        containers.values().forEach(container -> statuses.add(container.statusAt(now)));
        return statuses;
    }

    /** Ends the container at once: a simulated program needs no grace. */
    @Override
    public void stop(ContainerId id, Duration gracePeriod) {
        container(id).stop(now());
    }

    @Override
    public void remove(ContainerId id) {
        containers.remove(id);
    }

    @Override
    public LogChunk logs(ContainerId id, LogOptions options) {
        requireLogSource(id, options);
        return LogChunk.empty(options);
    }

    @Override
    public InputStream followLogs(ContainerId id, LogOptions options) {
        requireLogSource(id, options);
        return InputStream.nullInputStream();
    }

    /** Fails as the other runtimes do for an unknown container or a missing previous attempt. */
    private void requireLogSource(ContainerId id, LogOptions options) {
        SimulatedContainer container = container(id);
        if (options.previous()) {
            containers.values().stream()
                    .filter(other -> other.pod().uid().equals(container.pod().uid())
                            && other.name().equals(container.name())
                            && other.attempt() < container.attempt())
                    .max(Comparator.comparingInt(SimulatedContainer::attempt))
                    .orElseThrow(() -> ContainerNotFoundException.noPrevious(container.name(), container.pod()));
        }
    }

    @Override
    public ResourceUsage stats(ContainerId id) {
        SimulatedContainer container = container(id);
        Instant now = now();
        ContainerStatus status = container.statusAt(now);
        if (!status.isRunning()) {
            return new ResourceUsage(now, 0, 0, 0);
        }
        long millicores = container.cpuMillicores();
        long ranNanos = Duration.between(status.startedAt(), now).toNanos();
        // millicores are thousandths of a core: a second at 1000m is a core-second
        long usedNanos = ranNanos / 1000 * millicores;
        return new ResourceUsage(now, millicores, usedNanos, container.memoryBytes());
    }

    @Override
    public ExecResult exec(ContainerId id, List<String> command, Duration timeout) {
        if (!container(id).statusAt(now()).isRunning()) {
            throw new ContainerNotRunningException(id);
        }
        return new ExecResult(0, "", "", false);
    }

    @Override
    public void close() {
        // nothing runs, nothing to release
    }

    private SimulatedContainer container(ContainerId id) {
        SimulatedContainer container = containers.get(id);
        if (container == null) {
            throw ContainerNotFoundException.of(id);
        }
        return container;
    }

    private Instant now() {
        return settings.clock().instant();
    }
}
