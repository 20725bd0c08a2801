package io.coxswain.node.runtime;

import java.time.Instant;

/**
 * A container's use of the node at {@code timestamp}.
 *
 * @param cpuMillicores     average CPU use since the previous sample of the same container (since it started, for the first)
 * @param cpuUsageCoreNanos CPU time used since the container started, summed over its processes (the CRI's
 *                          usageCoreNanoSeconds), for consumers that compute their own rates
 * @param memoryBytes       resident memory (the working set, as near as the runtime can tell)
 */
public record ResourceUsage(Instant timestamp, long cpuMillicores, long cpuUsageCoreNanos, long memoryBytes) {}
