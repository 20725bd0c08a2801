package io.coxswain.node.runtime.simulated;

import io.coxswain.node.runtime.ImageResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimulatedRuntime} behaves.
 *
 * @param clock      the time containers live by (tests pass one they move by hand)
 * @param startDelay how long a container stays CREATED before it runs (an image pull and start, pretended)
 * @param podCidr    where pod addresses come from, like a node's {@code spec.podCIDR}
 */
public record SimulatedRuntimeSettings(Clock clock, Duration startDelay, ImageResolver images, String podCidr) {
    public SimulatedRuntimeSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(images, "images");
        if (startDelay == null || startDelay.isNegative()) {
            throw new IllegalArgumentException("startDelay must not be negative");
        }
        PodAddresses.parse(podCidr);
    }

    public static SimulatedRuntimeSettings defaults() {
        return new SimulatedRuntimeSettings(Clock.systemUTC(), Duration.ZERO, ImageResolver.allButMissing(),
                "10.244.0.0/16");
    }

    public SimulatedRuntimeSettings withClock(Clock newClock) {
        return new SimulatedRuntimeSettings(newClock, startDelay, images, podCidr);
    }

    public SimulatedRuntimeSettings withStartDelay(Duration newStartDelay) {
        return new SimulatedRuntimeSettings(clock, newStartDelay, images, podCidr);
    }

    public SimulatedRuntimeSettings withPodCidr(String newPodCidr) {
        return new SimulatedRuntimeSettings(clock, startDelay, images, newPodCidr);
    }
}
