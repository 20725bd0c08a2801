package io.coxswain.node.metrics;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.ResourceUsage;
import io.coxswain.protocol.entity.ResourceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the runtime's cumulative counters into the rates {@code metrics.k8s.io} reports: each call samples every
 * running container (and the node) and compares with the previous call's sample. Not thread-safe: one caller
 * samples at a time.
 *
 * <p>A container seen for the first time is measured from its start (its CPU time was 0 then) if it started
 * recently, so a new pod shows up after one sample; one that has run for longer waits for a second sample, so its
 * window is not hours long. The node needs two samples as well.
 */
final class UsageCollector {
    private record Reading(Instant at, long cpuNanos) {}

    private final String nodeName;
    private final ContainerRuntime runtime;
    /** The machine's counters; null for a node whose usage is the sum of its pods (simulated nodes). */
    private final Supplier<MachineUsage> machine;
    private final Clock clock;
    private final Duration longestFirstWindow;
    private Map<ContainerId, Reading> previous = new HashMap<>();
    private MachineUsage previousMachine;
    private Instant previousAt;

    UsageCollector(String nodeName, ContainerRuntime runtime, Supplier<MachineUsage> machine, Clock clock,
                   Duration interval) {
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.machine = machine;
        this.clock = clock;
        this.longestFirstWindow = interval.multipliedBy(2);
    }

    /** A collector for a worker of {@code runtime}: the machine's usage for real containers, else its pods' sum. */
    static UsageCollector forRuntime(String nodeName, ContainerRuntime runtime, Duration interval) {
        boolean simulated = runtime.name().equals(io.coxswain.node.runtime.simulated.SimulatedRuntime.NAME);
        return new UsageCollector(nodeName, runtime, simulated ? null : MachineUsage::read, Clock.systemUTC(),
                interval);
    }

    ResourceMetrics.Report collect() {
        Instant now = clock.instant();
        Map<ContainerId, Reading> seen = new HashMap<>();
        List<ResourceMetrics.PodUsage> pods = new ArrayList<>();
        for (Map.Entry<PodRef, List<ContainerStatus>> pod : runningByPod().entrySet()) {
            podUsage(pod.getKey(), pod.getValue(), now, seen).ifPresent(pods::add);
        }
        previous = seen;
        Optional<ResourceMetrics.NodeUsage> node = nodeUsage(now, pods);
        previousAt = now;
        return new ResourceMetrics.Report(node.map(List::of).orElse(List.of()), List.copyOf(pods));
    }

    /** The latest running attempt of each container, by pod. */
    private Map<PodRef, List<ContainerStatus>> runningByPod() {
        Map<PodRef, Map<String, ContainerStatus>> latest = new LinkedHashMap<>();
        runtime.list().stream().filter(ContainerStatus::isRunning)
                .sorted(Comparator.comparingInt(ContainerStatus::attempt))
                .forEach(c -> latest.computeIfAbsent(c.pod(), p -> new LinkedHashMap<>()).put(c.containerName(), c));
        Map<PodRef, List<ContainerStatus>> byPod = new LinkedHashMap<>();
        latest.forEach((pod, containers) -> byPod.put(pod, List.copyOf(containers.values())));
        return byPod;
    }

    private Optional<ResourceMetrics.PodUsage> podUsage(PodRef pod, List<ContainerStatus> containers, Instant now,
                                                        Map<ContainerId, Reading> seen) {
        List<ResourceMetrics.ContainerUsage> usages = new ArrayList<>();
        long windowMillis = 0;
        Instant sampledAt = null;
        for (ContainerStatus container : containers) {
            ResourceUsage usage;
            try {
                usage = runtime.stats(container.id());
            } catch (ContainerRuntimeException e) {
                continue; // ended or removed since it was listed: it has no usage to report
            }
            Reading reading = new Reading(usage.timestamp(), usage.cpuUsageCoreNanos());
            seen.put(container.id(), reading);
            Reading before = previous.get(container.id());
            if (before == null && container.startedAt() != null
                    && !container.startedAt().isBefore(now.minus(longestFirstWindow))) {
                before = new Reading(container.startedAt(), 0);
            }
            if (before == null || !reading.at().isAfter(before.at())) {
                continue;
            }
            Duration window = Duration.between(before.at(), reading.at());
            usages.add(new ResourceMetrics.ContainerUsage(container.containerName(),
                    CpuRate.nanoCores(before.cpuNanos(), reading.cpuNanos(), window), usage.memoryBytes()));
            windowMillis = Math.max(windowMillis, window.toMillis());
            sampledAt = sampledAt == null || reading.at().isAfter(sampledAt) ? reading.at() : sampledAt;
        }
        // A pod is reported whole or not at all: a sum over some of its containers would understate it.
        if (usages.isEmpty() || usages.size() < containers.size()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceMetrics.PodUsage(pod.uid(), pod.namespace(), pod.name(), nodeName,
                sampledAt.toEpochMilli(), windowMillis, List.copyOf(usages)));
    }

    private Optional<ResourceMetrics.NodeUsage> nodeUsage(Instant now, List<ResourceMetrics.PodUsage> pods) {
        if (machine == null) {
            if (previousAt == null) {
                return Optional.empty();
            }
            return Optional.of(new ResourceMetrics.NodeUsage(nodeName, now.toEpochMilli(),
                    Duration.between(previousAt, now).toMillis(),
                    pods.stream().mapToLong(ResourceMetrics.PodUsage::cpuNanoCores).sum(),
                    pods.stream().mapToLong(ResourceMetrics.PodUsage::memoryBytes).sum()));
        }
        MachineUsage current = machine.get();
        MachineUsage before = previousMachine;
        previousMachine = current;
        if (before == null || previousAt == null) {
            return Optional.empty();
        }
        return Optional.of(new ResourceMetrics.NodeUsage(nodeName, now.toEpochMilli(),
                Duration.between(previousAt, now).toMillis(),
                CpuRate.nanoCoresFromTicks(before.busyTicks(), before.totalTicks(), current.busyTicks(),
                        current.totalTicks(), current.cpus()),
                current.workingSetBytes()));
    }
}
