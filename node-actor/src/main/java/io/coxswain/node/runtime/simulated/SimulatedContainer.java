package io.coxswain.node.runtime.simulated;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerResources;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.PodRef;
import java.time.Instant;

/**
 * One simulated attempt. Its state is a function of the clock — created, running from {@code runningAt}, exited at
 * its planned end or when stopped — so no timer has to fire and thousands of containers cost no threads.
 */
final class SimulatedContainer {
    /** A stopped simulated container behaves like a program that handles SIGTERM and exits cleanly. */
    static final int STOPPED_EXIT_CODE = 0;

    private final ContainerId id;
    private final PodRef pod;
    private final String name;
    private final int attempt;
    private final String image;
    private final ContainerResources resources;
    private final SimulationKnobs knobs;
    private final Instant runningAt;
    private Instant stoppedAt;

    SimulatedContainer(ContainerId id, PodRef pod, String name, int attempt, String image,
                       ContainerResources resources, SimulationKnobs knobs, Instant runningAt) {
        this.id = id;
        this.pod = pod;
        this.name = name;
        this.attempt = attempt;
        this.image = image;
        this.resources = resources;
        this.knobs = knobs;
        this.runningAt = runningAt;
    }

    PodRef pod() {
        return pod;
    }

    String name() {
        return name;
    }

    int attempt() {
        return attempt;
    }

    Instant runningAt() {
        return runningAt;
    }

    /** Notes a stop at {@code now}; a container that has ended already keeps the end it had. */
    synchronized void stop(Instant now) {
        if (stoppedAt == null && statusAt(now).state() != ContainerState.EXITED) {
            stoppedAt = now;
        }
    }

    synchronized ContainerStatus statusAt(Instant now) {
        Instant plannedEnd = knobs.exitsAfter().map(runningAt::plus).orElse(null);
        Instant end = null;
        int exitCode = 0;
        if (stoppedAt != null && (plannedEnd == null || stoppedAt.isBefore(plannedEnd))) {
            end = stoppedAt;
            exitCode = STOPPED_EXIT_CODE;
        } else if (plannedEnd != null) {
            end = plannedEnd;
            exitCode = knobs.exitCodeOrZero();
        }
        if (end != null && !now.isBefore(end)) {
            Instant startedAt = runningAt.isAfter(end) ? null : runningAt;
            return status(ContainerState.EXITED, exitCode, startedAt, end, ContainerStatus.reasonForExitCode(exitCode));
        }
        if (!now.isBefore(runningAt)) {
            return status(ContainerState.RUNNING, null, runningAt, null, null);
        }
        return status(ContainerState.CREATED, null, null, null, null);
    }

    /** Requests (or the knobs) while running, nothing otherwise. */
    long cpuMillicores() {
        return knobs.cpuMillicores() != null ? knobs.cpuMillicores() : resources.cpuMillis();
    }

    long memoryBytes() {
        return knobs.memoryBytes() != null ? knobs.memoryBytes() : resources.memoryBytes();
    }

    private ContainerStatus status(ContainerState state, Integer exitCode, Instant startedAt, Instant finishedAt,
                                   String reason) {
        return new ContainerStatus(id, pod, name, attempt, image, state, exitCode, startedAt, finishedAt, reason, null);
    }
}
