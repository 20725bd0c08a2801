package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command "in" a container: with its environment and working directory (the process runtime has no
 * namespaces to enter). The command gets a process group of its own so a timeout ends all of it.
 */
final class ProcessExec {
    /** The shell's codes for "not found" and "found but cannot run", which exec probes then report as failures. */
    private static final int NOT_FOUND = 127;
    private static final int CANNOT_EXECUTE = 126;
    private static final int KILLED = 128 + 9;

    private final Duration killTimeout;
    private final int outputLimit;

    ProcessExec(Duration killTimeout, int outputLimit) {
        this.killTimeout = killTimeout;
        this.outputLimit = outputLimit;
    }

    /** @param scratch a directory for the output files, deleted again before returning */
    ExecResult run(List<String> command, Map<String, String> env, Path workingDirectory, Duration timeout, Path scratch) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        try {
            ExecutableLookup.find(command.get(0), env.getOrDefault("PATH", ""), workingDirectory);
        } catch (ExecutableLookup.NotExecutableException e) {
            return new ExecResult(e.missing() ? NOT_FOUND : CANNOT_EXECUTE, "", e.getMessage(), false);
        }
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile(scratch, "exec-", ".out");
            stderr = Files.createTempFile(scratch, "exec-", ".err");
            List<String> argv = new ArrayList<>();
            argv.add("setsid");
            argv.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(workingDirectory.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            long startTicks = ProcStat.read(process.pid()).map(ProcStat::startTicks).orElse(-1L);
            boolean timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (timedOut) {
                new ProcessGroup(process.pid(), startTicks).signal("KILL");
                process.destroyForcibly();
                process.waitFor(killTimeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            int exitCode = timedOut ? KILLED : process.exitValue();
            return new ExecResult(exitCode, head(stdout), head(stderr), timedOut);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot exec " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exec'ing " + command, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(outputLimit), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temporary file in the container's runtime directory goes when the container is removed
            }
        }
    }
}
