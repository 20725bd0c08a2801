package io.coxswain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineUsageTest {

    @Test
    void readsBusyAndTotalTicksAndTheMemoryInUse() {
        List<String> stat = List.of(
                "cpu  100 5 50 1000 20 1 4 10 7 0",
                "cpu0 50 2 25 500 10 0 2 5 3 0",
                "cpu1 50 3 25 500 10 1 2 5 4 0",
                "intr 12345 0 0",
                "ctxt 999");
        List<String> meminfo = List.of(
                "MemTotal:       2000 kB",
                "MemFree:         500 kB",
                "MemAvailable:   1500 kB");

        MachineUsage usage = MachineUsage.parse(stat, meminfo);

        // guest time (7) is already inside user: left out; idle (1000) and iowait (20) are not busy
        assertThat(usage.totalTicks()).isEqualTo(100 + 5 + 50 + 1000 + 20 + 1 + 4 + 10);
        assertThat(usage.busyTicks()).isEqualTo(100 + 5 + 50 + 1 + 4 + 10);
        assertThat(usage.cpus()).isEqualTo(2);
        assertThat(usage.workingSetBytes()).isEqualTo(500 * 1024);
    }

    @Test
    void readsThisMachine() {
        MachineUsage usage = MachineUsage.read();
        assertThat(usage.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(usage.totalTicks()).isGreaterThan(usage.busyTicks());
        assertThat(usage.workingSetBytes()).isPositive();
    }
}
