package io.coxswain.node.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one container: the launcher shell made itself a session and process group leader (setsid), and
 * everything the container starts stays in that group unless it leaves on purpose.
 *
 * <p>Signals go to the whole group at once with {@code kill -SIG -- -pgid} (Java's ProcessHandle can only signal
 * one pid, and signalling pids one by one races with a process that forks). Before signalling, the leader's pid is
 * checked against its recorded start time, so a group number the kernel gave to someone else is never signalled.
 */
final class ProcessGroup {
    private static final long KILL_COMMAND_TIMEOUT_SECONDS = 10;

    private final long id;
    private final long leaderStartTicks;

    ProcessGroup(long id, long leaderStartTicks) {
        this.id = id;
        this.leaderStartTicks = leaderStartTicks;
    }

    long id() {
        return id;
    }

    /** Whether the leader still runs and is the process we launched (same pid, same start time, not a zombie). */
    boolean leaderAlive() {
        return ProcStat.read(id).filter(stat -> !stat.isZombie() && stat.startTicks() == leaderStartTicks).isPresent();
    }

    /** Live processes of the group, the leader included while it runs. */
    List<ProcStat> members() {
        List<ProcStat> processes = ProcStat.all();
        boolean numberReused = processes.stream()
                .anyMatch(stat -> stat.pid() == id && stat.startTicks() != leaderStartTicks);
        if (numberReused) {
            return List.of();
        }
        return processes.stream().filter(stat -> stat.processGroup() == id && !stat.isZombie()).toList();
    }

    boolean isEmpty() {
        return !leaderAlive() && members().isEmpty();
    }

    /** Waits until nothing of the group runs; false if something still does at {@code deadline} (or on interrupt). */
    boolean awaitEmpty(Instant deadline, Duration pollInterval, Clock clock) {
        while (!isEmpty()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left.toMillis(), pollInterval.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false; // callers then kill at once
            }
        }
        return true;
    }

    /** Sends {@code signal} (TERM, KILL, …) to every process of the group; nothing if none of it runs. */
    void signal(String signal) {
        if (members().isEmpty()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + id)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill for process group " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
