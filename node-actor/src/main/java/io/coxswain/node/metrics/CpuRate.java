package io.coxswain.node.metrics;

import java.time.Duration;

/**
 * CPU use as Kubernetes reports it: the rate of a cumulative CPU-time counter over a window, in billionths of a
 * core (a container busy on one core for the whole window uses 1,000,000,000n = "1").
 */
final class CpuRate {
    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private CpuRate() {}

    /**
     * The rate between two readings of a cumulative CPU time in nanoseconds. A counter that went backwards (a
     * process of the group was reaped and its time lost) counts as no use rather than a negative one.
     *
     * @return 0 when the window is empty or negative
     */
    static long nanoCores(long previousCpuNanos, long currentCpuNanos, Duration window) {
        long windowNanos = window.toNanos();
        if (windowNanos <= 0) {
            return 0;
        }
        long used = Math.max(0, currentCpuNanos - previousCpuNanos);
        // in doubles: used * 1e9 overflows a long once more than ~9 s of CPU time lie in the window
        return Math.round(used * NANOS_PER_SECOND / windowNanos);
    }

    /**
     * The rate from a machine's tick counters: the busy share of all ticks that passed, times the number of CPUs.
     * Works without knowing the tick length (USER_HZ), because busy and total ticks are counted in the same unit.
     */
    static long nanoCoresFromTicks(long busyTicksBefore, long totalTicksBefore, long busyTicksNow,
                                   long totalTicksNow, int cpus) {
        long total = totalTicksNow - totalTicksBefore;
        if (total <= 0) {
            return 0;
        }
        long busy = Math.max(0, Math.min(total, busyTicksNow - busyTicksBefore));
        return Math.round((double) busy / total * cpus * NANOS_PER_SECOND);
    }
}
