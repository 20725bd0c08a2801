package io.coxswain.node.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The units of /proc's numbers on this machine: clock ticks per second and the page size. */
record KernelUnits(long clockTicksPerSecond, long pageSizeBytes) {
    /** Linux's values on every common architecture, used when getconf cannot be asked. */
    static final KernelUnits LINUX_DEFAULTS = new KernelUnits(100, 4096);

    static KernelUnits ofThisMachine() {
        return new KernelUnits(
                getconf("CLK_TCK", LINUX_DEFAULTS.clockTicksPerSecond),
                getconf("PAGESIZE", LINUX_DEFAULTS.pageSizeBytes));
    }

    long ticksToNanos(long ticks) {
        return ticks * 1_000_000_000L / clockTicksPerSecond;
    }

    private static long getconf(String variable, long fallback) {
        try {
            Process process = new ProcessBuilder("getconf", variable).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return Long.parseLong(output);
            }
            process.destroyForcibly();
        } catch (IOException | NumberFormatException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fallback;
    }
}
