package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageQuantitiesTest {

    @Test
    void cpuTakesTheLargestSuffixThatKeepsTheNumberWhole() {
        assertThat(UsageQuantities.cpu(0)).isEqualTo("0");
        assertThat(UsageQuantities.cpu(12_000_000)).isEqualTo("12m");
        assertThat(UsageQuantities.cpu(1_500_000_000)).isEqualTo("1500m");
        assertThat(UsageQuantities.cpu(2_000_000_000)).isEqualTo("2");
        assertThat(UsageQuantities.cpu(250_500_000)).isEqualTo("250500u");
        assertThat(UsageQuantities.cpu(2_245_067)).isEqualTo("2245067n");
    }

    @Test
    void memoryTakesTheLargestBinarySuffixThatKeepsTheNumberWhole() {
        assertThat(UsageQuantities.memory(0)).isEqualTo("0");
        assertThat(UsageQuantities.memory(3456 * 1024)).isEqualTo("3456Ki");
        assertThat(UsageQuantities.memory(1L << 20)).isEqualTo("1Mi");
        assertThat(UsageQuantities.memory(3L << 30)).isEqualTo("3Gi");
        assertThat(UsageQuantities.memory(1000)).isEqualTo("1000");
        assertThat(UsageQuantities.memory(1536 * 1024)).isEqualTo("1536Ki");
    }

    @Test
    void windowsAreWrittenAsGoDurations() {
        assertThat(UsageQuantities.window(0)).isEqualTo("0s");
        assertThat(UsageQuantities.window(500)).isEqualTo("500ms");
        assertThat(UsageQuantities.window(10_000)).isEqualTo("10s");
        assertThat(UsageQuantities.window(10_003)).isEqualTo("10.003s");
        assertThat(UsageQuantities.window(10_500)).isEqualTo("10.5s");
        assertThat(UsageQuantities.window(65_000)).isEqualTo("1m5s");
        assertThat(UsageQuantities.window(3_600_000)).isEqualTo("1h0m0s");
        assertThat(UsageQuantities.window(3_661_250)).isEqualTo("1h1m1.25s");
    }

    @Test
    void timestampsAreRfc3339ToTheSecond() {
        assertThat(UsageQuantities.timestamp(Instant.parse("2026-11-27T08:33:07.912Z").toEpochMilli()))
                .isEqualTo("2026-11-27T08:33:07Z");
    }
}
