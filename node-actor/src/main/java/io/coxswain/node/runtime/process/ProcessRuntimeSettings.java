package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ImageResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ProcessRuntime} behaves; {@link #defaults(Path)} suits a node, tests shorten the intervals.
 *
 * @param root              where pods, state and logs live; a new runtime on the same root adopts what it finds
 * @param images            which images "pull"; the process runtime runs no image content
 * @param podIp             the address reported for every pod: processes share the node's network
 * @param logPollInterval   how often output is timestamped into the logs and exits are noticed
 * @param stopPollInterval  how often a stopping container is checked for having ended
 * @param killTimeout       how long to wait for the kernel to end a group after SIGKILL
 * @param launchTimeout     how long a launched process may take to become its own session leader
 * @param execOutputLimit   bytes kept of each of an exec's stdout and stderr (probes need little)
 */
public record ProcessRuntimeSettings(
        Path root,
        ImageResolver images,
        String podIp,
        Duration logPollInterval,
        Duration stopPollInterval,
        Duration killTimeout,
        Duration launchTimeout,
        int execOutputLimit) {

    public ProcessRuntimeSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(podIp, "podIp");
        requirePositive(logPollInterval, "logPollInterval");
        requirePositive(stopPollInterval, "stopPollInterval");
        requirePositive(killTimeout, "killTimeout");
        requirePositive(launchTimeout, "launchTimeout");
        if (execOutputLimit <= 0) {
            throw new IllegalArgumentException("execOutputLimit must be positive");
        }
    }

    public static ProcessRuntimeSettings defaults(Path root) {
        return new ProcessRuntimeSettings(root, ImageResolver.allButMissing(), "127.0.0.1",
                Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(2),
                64 * 1024);
    }

    public ProcessRuntimeSettings withImages(ImageResolver newImages) {
        return new ProcessRuntimeSettings(root, newImages, podIp, logPollInterval, stopPollInterval, killTimeout,
                launchTimeout, execOutputLimit);
    }

    public ProcessRuntimeSettings withPodIp(String newPodIp) {
        return new ProcessRuntimeSettings(root, images, newPodIp, logPollInterval, stopPollInterval, killTimeout,
                launchTimeout, execOutputLimit);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
