package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ResourceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of a container, summed over the processes of its group from /proc (there are no cgroups to ask).
 * CPU counts each live process and the children it has reaped; memory is resident set size, so pages shared
 * between the processes count more than once.
 */
final class UsageSampler {
    private record Sample(Instant at, long cpuNanos) {}

    private final KernelUnits units;
    private final Map<ContainerAttempt, Sample> previous = new ConcurrentHashMap<>();

    UsageSampler(KernelUnits units) {
        this.units = units;
    }

    ResourceUsage sample(ContainerAttempt attempt, ProcessGroup group, Instant startedAt, Instant now) {
        List<ProcStat> members = group.members();
        long cpuNanos = units.ticksToNanos(members.stream().mapToLong(ProcStat::cpuTicks).sum());
        long memoryBytes = members.stream().mapToLong(ProcStat::rssPages).sum() * units.pageSizeBytes();
        Sample last = previous.put(attempt, new Sample(now, cpuNanos));
        Instant since = last != null ? last.at() : startedAt;
        long usedSince = Math.max(0, cpuNanos - (last != null ? last.cpuNanos() : 0));
        long wallNanos = since == null ? 0 : Duration.between(since, now).toNanos();
        long millicores = wallNanos > 0 ? usedSince * 1000 / wallNanos : 0;
        return new ResourceUsage(now, millicores, cpuNanos, memoryBytes);
    }

    void forget(ContainerAttempt attempt) {
        previous.remove(attempt);
    }
}
