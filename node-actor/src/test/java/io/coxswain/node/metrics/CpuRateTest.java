package io.coxswain.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuRateTest {

    @Test
    void halfASecondOfCpuInTenSecondsIsFiftyMillicores() {
        assertThat(CpuRate.nanoCores(2_000_000_000L, 2_500_000_000L, Duration.ofSeconds(10))).isEqualTo(50_000_000L);
    }

    @Test
    void twoBusyCoresForAMinuteIsTwoCoresWithoutOverflow() {
        long used = Duration.ofMinutes(2).toNanos(); // two cores for one minute
        assertThat(CpuRate.nanoCores(0, used, Duration.ofMinutes(1))).isEqualTo(2_000_000_000L);
    }

    @Test
    void aCounterThatWentBackwardsOrAnEmptyWindowIsNoUse() {
        assertThat(CpuRate.nanoCores(5_000, 1_000, Duration.ofSeconds(1))).isZero();
        assertThat(CpuRate.nanoCores(0, 1_000, Duration.ZERO)).isZero();
    }

    @Test
    void machineTicksGiveTheBusyShareOfAllCpus() {
        // 2 CPUs, 400 ticks passed in all, 100 of them busy: a quarter of two cores is half a core
        assertThat(CpuRate.nanoCoresFromTicks(1_000, 10_000, 1_100, 10_400, 2)).isEqualTo(500_000_000L);
        assertThat(CpuRate.nanoCoresFromTicks(1_000, 10_000, 1_000, 10_000, 2)).isZero();
    }
}
