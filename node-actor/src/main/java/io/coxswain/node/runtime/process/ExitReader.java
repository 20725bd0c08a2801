package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ContainerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Works out how a container ended, best evidence first:
 * <ol>
 *   <li>the exit code file the launcher wrote (its time is when the command ended) — survives agent restarts;</li>
 *   <li>we ended it with SIGKILL: 137, "Error";</li>
 *   <li>the launcher was our child: Java's exit value (128 + signal when a signal ended it);</li>
 *   <li>nothing: 137 with reason ContainerStatusUnknown, the kubelet's answer for a container it lost track of.</li>
 * </ol>
 */
final class ExitReader {
    static final String UNKNOWN_EXIT_MESSAGE =
            "the container's processes ended while no agent watched them, leaving no exit code";

    private final Clock clock;
    private final Duration reapTimeout;

    /** @param reapTimeout how long to give Java's reaper to collect the exit status of an ended child */
    ExitReader(Clock clock, Duration reapTimeout) {
        this.clock = clock;
        this.reapTimeout = reapTimeout;
    }

    ContainerRecord ended(ContainerRecord record, Path exitCodeFile, boolean killedByUs, Process child) {
        Optional<Integer> written = readExitCode(exitCodeFile);
        if (written.isPresent()) {
            int code = written.get();
            Instant finishedAt = notBefore(modified(exitCodeFile), record.startedAt()); // file times are coarse
            return record.exited(code, finishedAt, ContainerStatus.reasonForExitCode(code), null);
        }
        Instant now = clock.instant();
        if (killedByUs) {
            return record.exited(ProcessRuntime.KILLED_EXIT_CODE, now, ContainerStatus.ERROR, null);
        }
        Optional<Integer> seenByJava = exitValue(child);
        if (seenByJava.isPresent()) {
            int code = seenByJava.get();
            return record.exited(code, now, ContainerStatus.reasonForExitCode(code), null);
        }
        return record.exited(ProcessRuntime.KILLED_EXIT_CODE, now, ContainerStatus.STATUS_UNKNOWN,
                UNKNOWN_EXIT_MESSAGE);
    }

    private Optional<Integer> exitValue(Process child) {
        if (child == null) {
            return Optional.empty();
        }
        try {
            // /proc said it ended; Java's reaper may take a moment to collect its status.
            if (child.waitFor(reapTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(child.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static Optional<Integer> readExitCode(Path file) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return clock.instant();
        }
    }

    private static Instant notBefore(Instant instant, Instant floor) {
        return floor == null || instant.isAfter(floor) ? instant : floor;
    }
}
