package io.coxswain.controlplane.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How {@code metrics.k8s.io} writes usage, as Kubernetes' {@code resource.Quantity} and Go's {@code time.Duration}
 * print them: CPU in the canonical decimal form ("12m", "250500u", "1"), memory in the canonical binary form
 * ("3456Ki", "1Gi"), windows as Go durations ("10.003s", "1m5s"). kubectl parses all three.
 */
final class UsageQuantities {
    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", ""};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private UsageQuantities() {}

    /** Billionths of a core, with the largest suffix that keeps the number whole (Quantity's canonical form). */
    static String cpu(long nanoCores) {
        if (nanoCores == 0) {
            return "0";
        }
        long value = nanoCores;
        int suffix = 0;
        while (suffix < DECIMAL_SUFFIXES.length - 1 && value % 1000 == 0) {
            value /= 1000;
            suffix++;
        }
        return value + DECIMAL_SUFFIXES[suffix];
    }

    /** Bytes, with the largest power-of-1024 suffix that keeps the number whole; below 1024 plain bytes. */
    static String memory(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        long value = bytes;
        int suffix = 0;
        while (suffix < BINARY_SUFFIXES.length - 1 && value % 1024 == 0) {
            value /= 1024;
            suffix++;
        }
        return value + BINARY_SUFFIXES[suffix];
    }

    /** A window as Go's {@code Duration.String()} writes it, to the millisecond. */
    static String window(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long fraction = millis % 1000;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        text.append(seconds);
        if (fraction > 0) {
            text.append('.').append(String.format("%03d", fraction).replaceAll("0+$", ""));
        }
        return text.append('s').toString();
    }

    /** RFC 3339 to the second, as {@code metav1.Time} is written. */
    static String timestamp(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
    }
}
