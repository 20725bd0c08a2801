package io.coxswain.node.runtime.process;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive exec and attach for the process runtime. An exec is a host process with the container's environment
 * and working directory (there are no namespaces to enter), its streams piped to the session's, in a process group
 * of its own so that closing the session ends all of it; with a terminal it runs on a pseudo-terminal (pty4j), which
 * also gives resizes. An attach follows what the container writes to its output file from now on: the container's
 * own stdin is /dev/null (it must outlive the agent), so there is nothing to attach stdin to.
 */
final class ProcessSessions implements AutoCloseable {
    /** The shell's codes for "not found" and "found but cannot run", as an exec reports them. */
    private static final int NOT_FOUND = 127;
    private static final int CANNOT_EXECUTE = 126;
    private static final int COPY_BUFFER = 32 * 1024;
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;
    private static final Logger log = LoggerFactory.getLogger(ProcessSessions.class);

    private final Duration killTimeout;
    private final Duration pollInterval;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "process-session");
        thread.setDaemon(true);
        return thread;
    });

    ProcessSessions(Duration killTimeout, Duration pollInterval) {
        this.killTimeout = killTimeout;
        this.pollInterval = pollInterval;
    }

    StreamSession exec(List<String> command, Map<String, String> env, Path workingDirectory, SessionStreams streams) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        try {
            ExecutableLookup.find(command.get(0), env.getOrDefault("PATH", ""), workingDirectory);
        } catch (ExecutableLookup.NotExecutableException e) {
            return failedToStart(streams, e.getMessage(), e.missing() ? NOT_FOUND : CANNOT_EXECUTE);
        }
        try {
            return streams.tty() ? onTerminal(command, env, workingDirectory, streams)
                    : piped(command, env, workingDirectory, streams);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot exec " + command, e);
        }
    }

    /** The command could not be started: say why on its error stream, as a shell would, and end with its code. */
    private StreamSession failedToStart(SessionStreams streams, String message, int exitCode) {
        OutputStream target = streams.tty() || streams.stderr() == null ? streams.stdout() : streams.stderr();
        if (target != null) {
            try {
                target.write((message + "\n").getBytes(StandardCharsets.UTF_8));
                target.flush();
            } catch (IOException e) {
                log.debug("the client went away before reading why its exec failed: {}", e.toString());
            }
        }
        return new Session(CompletableFuture.completedFuture(exitCode), (w, h) -> { }, () -> { });
    }

    private StreamSession piped(List<String> command, Map<String, String> env, Path workingDirectory,
                                SessionStreams streams) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("setsid"); // a group of its own, so closing the session ends whatever the command started
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(streams.stdin() == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                : ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(streams.stdout() == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        builder.redirectError(streams.stderr() == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        long startTicks = ProcStat.read(process.pid()).map(ProcStat::startTicks).orElse(-1L);
        if (streams.stdin() != null) {
            threads.execute(() -> copyThenClose(streams.stdin(), process.getOutputStream()));
        }
        List<CompletableFuture<Void>> outputs = new ArrayList<>();
        if (streams.stdout() != null) {
            outputs.add(CompletableFuture.runAsync(() -> copy(process.getInputStream(), streams.stdout()), threads));
        }
        if (streams.stderr() != null) {
            outputs.add(CompletableFuture.runAsync(() -> copy(process.getErrorStream(), streams.stderr()), threads));
        }
        CompletableFuture<Integer> exit = process.onExit()
                .thenCompose(ended -> CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new)))
                .thenApply(copied -> process.exitValue());
        return new Session(exit, (w, h) -> { }, () -> {
            new ProcessGroup(process.pid(), startTicks).signal("KILL");
            process.destroyForcibly();
        });
    }

    private StreamSession onTerminal(List<String> command, Map<String, String> env, Path workingDirectory,
                                     SessionStreams streams) throws IOException {
        PtyProcess process = new PtyProcessBuilder(command.toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(workingDirectory.toString())
                .setRedirectErrorStream(true)
                .setInitialColumns(DEFAULT_COLUMNS)
                .setInitialRows(DEFAULT_ROWS)
                .start();
        if (streams.stdin() != null) {
            // A terminal has no end of file to pass on (^D is the user's to type): stop copying, keep it open.
            threads.execute(() -> copy(streams.stdin(), process.getOutputStream()));
        }
        CompletableFuture<Void> output = streams.stdout() == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> copy(process.getInputStream(), streams.stdout()), threads);
        CompletableFuture<Integer> exit = process.onExit().thenCompose(ended -> output
                .completeOnTimeout(null, killTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .thenApply(copied -> process.exitValue());
        return new Session(exit, (width, height) -> {
            if (process.isAlive()) {
                process.setWinSize(new WinSize(width, height));
            }
        }, () -> {
            ProcessHandle.of(process.pid()).ifPresent(leader -> leader.descendants()
                    .forEach(ProcessHandle::destroyForcibly));
            process.destroyForcibly();
        });
    }

    /**
     * Follows the container's output file from its current end until the container stops ({@code running} turns
     * false, checked after each quiet poll) or the session is closed.
     */
    StreamSession attach(Path output, BooleanSupplier running, SessionStreams streams) {
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> {
            follow(output, running, streams.stdout(), closed);
            return 0;
        }, threads);
        return new Session(ended, (w, h) -> { }, () -> closed.set(true));
    }

    private void follow(Path output, BooleanSupplier running, OutputStream target, AtomicBoolean closed) {
        byte[] buffer = new byte[COPY_BUFFER];
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long position = Files.size(output);
            while (!closed.get()) {
                file.seek(position);
                int read = file.read(buffer);
                if (read > 0) {
                    position += read;
                    if (target != null) {
                        target.write(buffer, 0, read);
                        target.flush();
                    }
                    continue;
                }
                if (!running.getAsBoolean() && Files.size(output) <= position) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(pollInterval.toMillis());
            }
        } catch (IOException e) {
            log.debug("attach to {} ended: {}", output, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyThenClose(InputStream from, OutputStream to) {
        try (to) {
            copy(from, to);
        } catch (IOException e) {
            log.debug("closing a command's stdin: {}", e.toString());
        }
    }

    /** Copies until the end of {@code from} or until either side fails (the command ended, the client left). */
    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[COPY_BUFFER];
        try {
            int read;
            while ((read = from.read(buffer)) >= 0) {
                to.write(buffer, 0, read);
                to.flush();
            }
        } catch (IOException e) {
            log.debug("a session's stream ended: {}", e.toString());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private interface Resize {
        void apply(int width, int height);
    }

    private static final class Session implements StreamSession {
        private final CompletableFuture<Integer> exit;
        private final Resize resize;
        private final Runnable end;
        private final AtomicBoolean closed = new AtomicBoolean();

        Session(CompletableFuture<Integer> exit, Resize resize, Runnable end) {
            this.exit = exit;
            this.resize = resize;
            this.end = end;
        }

        @Override
        public void resize(int width, int height) {
            resize.apply(width, height);
        }

        @Override
        public CompletionStage<Integer> exitCode() {
            return exit;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !exit.isDone()) {
                end.run();
            }
        }
    }
}
