package io.coxswain.node.runtime.simulated;

import io.coxswain.node.runtime.ContainerStartException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a simulated container behaves, read from its env so that plain manifests can ask for it:
 * <ul>
 *   <li>{@code SIMULATE_EXIT_CODE=n}: it exits with n (after {@code SIMULATE_RUN_SECONDS}, at once without);</li>
 *   <li>{@code SIMULATE_RUN_SECONDS=s}: it exits after s seconds of running (decimals allowed), with 0 unless
 *       {@code SIMULATE_EXIT_CODE} says otherwise;</li>
 *   <li>{@code SIMULATE_CPU_MILLICORES}, {@code SIMULATE_MEMORY_BYTES}: the use its stats report instead of its
 *       requests (to drive an autoscaler).</li>
 * </ul>
 * Without any, it runs until stopped and reports its requests as its use.
 */
record SimulationKnobs(Integer exitCode, Duration runTime, Long cpuMillicores, Long memoryBytes) {
    static final String EXIT_CODE = "SIMULATE_EXIT_CODE";
    static final String RUN_SECONDS = "SIMULATE_RUN_SECONDS";
    static final String CPU_MILLICORES = "SIMULATE_CPU_MILLICORES";
    static final String MEMORY_BYTES = "SIMULATE_MEMORY_BYTES";

    static SimulationKnobs from(Map<String, String> env) {
        return new SimulationKnobs(
                parse(env, EXIT_CODE, Integer::valueOf),
                parse(env, RUN_SECONDS, value -> Duration.ofNanos(
                        new BigDecimal(value).movePointRight(9).longValueExact())),
                parse(env, CPU_MILLICORES, Long::valueOf),
                parse(env, MEMORY_BYTES, Long::valueOf));
    }

    /** How long after it starts running the container exits on its own, if it does. */
    Optional<Duration> exitsAfter() {
        if (exitCode == null && runTime == null) {
            return Optional.empty();
        }
        return Optional.of(runTime == null ? Duration.ZERO : runTime);
    }

    int exitCodeOrZero() {
        return exitCode == null ? 0 : exitCode;
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(Map<String, String> env, String name, Parser<T> parser) {
        String value = env.get(name);
        if (value == null) {
            return null;
        }
        try {
            T parsed = parser.parse(value.trim());
            if (parsed instanceof Duration duration && duration.isNegative()
                    || parsed instanceof Long number && number < 0) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR,
                    name + " must be a non-negative number, got \"" + value + "\"");
        }
    }
}
