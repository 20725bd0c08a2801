package io.coxswain.node.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's CPU and memory, from the kernel (proc(5)): what {@code kubectl top nodes} shows for a worker
 * that runs real containers. Two workers on one machine both report the machine.
 *
 * @param busyTicks        CPU ticks of all CPUs spent on anything but idle and iowait, since boot
 * @param totalTicks       CPU ticks of all CPUs, since boot
 * @param cpus             how many CPUs the ticks are summed over
 * @param workingSetBytes  memory in use: MemTotal - MemAvailable (the kubelet takes the root cgroup's working set,
 *                         which on a machine without cgroups to ask is nearest to this)
 */
record MachineUsage(long busyTicks, long totalTicks, int cpus, long workingSetBytes) {
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    static MachineUsage read() {
        try {
            return parse(Files.readAllLines(STAT), Files.readAllLines(MEMINFO));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the machine's usage from /proc", e);
        }
    }

    static MachineUsage parse(List<String> stat, List<String> meminfo) {
        long busy = 0;
        long total = 0;
        int cpus = 0;
        for (String line : stat) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                // user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is already
                // counted in user and nice, so only the first eight fields add up to the total
                for (int i = 1; i < Math.min(fields.length, 9); i++) {
                    long ticks = Long.parseLong(fields[i]);
                    total += ticks;
                    if (i != 4 && i != 5) {
                        busy += ticks;
                    }
                }
            } else if (fields[0].startsWith("cpu")) {
                cpus++;
            }
        }
        long memTotal = meminfoBytes(meminfo, "MemTotal");
        long memAvailable = meminfoBytes(meminfo, "MemAvailable");
        return new MachineUsage(busy, total, Math.max(cpus, 1), Math.max(0, memTotal - memAvailable));
    }

    private static long meminfoBytes(List<String> meminfo, String key) {
        for (String line : meminfo) {
            if (line.startsWith(key + ":")) {
                String[] fields = line.substring(key.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(fields[0]);
                return fields.length > 1 && fields[1].equals("kB") ? value * 1024 : value;
            }
        }
        throw new IllegalStateException("/proc/meminfo has no " + key);
    }
}
