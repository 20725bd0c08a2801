package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive exec and attach through the engine ({@code docker exec -i -t}, {@code docker attach}): docker-java
 * creates, inspects and resizes; the session itself runs on a {@link HijackedConnection}, whose stdin is pumped up
 * from the session's input and half-closed at its end, and whose output goes to the session's streams as it comes
 * (a slow reader slows the command down rather than filling memory).
 */
final class DockerSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerSessions.class);
    /**
     * The engine refuses to resize an exec that has not started yet, and a client sends its terminal's size as soon
     * as the session is open: a resize is retried for up to RESIZE_ATTEMPTS × RESIZE_RETRY_MILLIS.
     */
    private static final int RESIZE_ATTEMPTS = 40;
    private static final long RESIZE_RETRY_MILLIS = 25;
    /** The engine notes an exec's exit code a moment after its output ends. */
    private static final long EXIT_CODE_WAIT_SECONDS = 5;
    private static final int STDIN_BUFFER = 32 * 1024;

    private final DockerClient client;
    private final String host;
    private final ExecutorService pumps = Executors.newCachedThreadPool(daemon("docker-session"));
    private final ScheduledExecutorService resizer = Executors.newSingleThreadScheduledExecutor(daemon("docker-resize"));

    DockerSessions(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    StreamSession exec(String containerId, List<String> command, SessionStreams streams) {
        String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withAttachStdin(streams.stdin() != null)
                .withAttachStdout(streams.stdout() != null)
                .withAttachStderr(streams.stderr() != null && !streams.tty())
                .withTty(streams.tty())
                .exec().getId();
        HijackedConnection connection = hijack("/exec/" + execId + "/start",
                "{\"Detach\":false,\"Tty\":" + streams.tty() + "}");
        CompletableFuture<Integer> exit = run(connection, streams, streams.tty(), true)
                .thenApply(done -> exitCodeOf(execId));
        return new Session(connection, exit, (width, height) -> client.resizeExecCmd(execId)
                .withSize(height, width).exec(), () -> killExec(execId));
    }

    StreamSession attach(String containerId, SessionStreams streams) {
        var config = client.inspectContainerCmd(containerId).exec().getConfig();
        boolean tty = Boolean.TRUE.equals(config.getTty());
        // The engine ends an attach whose stdin ends, output and all, unless the container closes its stdin then
        // (stdinOnce): only then is the end of the client's stdin passed on, as containerd does.
        boolean passEndOfStdin = Boolean.TRUE.equals(config.getStdInOnce());
        HijackedConnection connection = hijack("/containers/" + containerId + "/attach?stream=1&stdin="
                + flag(streams.stdin() != null) + "&stdout=" + flag(streams.stdout() != null) + "&stderr="
                + flag(streams.stderr() != null), "");
        CompletableFuture<Integer> ended = run(connection, streams, tty, passEndOfStdin).thenApply(done -> 0);
        return new Session(connection, ended, (width, height) -> client.resizeContainerCmd(containerId)
                .withSize(height, width).exec(), () -> { });
    }

    private HijackedConnection hijack(String path, String body) {
        try {
            return HijackedConnection.open(host, path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pumps stdin up and output down; completes when the engine ends the output. The end of stdin half-closes the
     * connection if {@code passEndOfStdin}, else stdin just stops.
     */
    private CompletableFuture<Void> run(HijackedConnection connection, SessionStreams streams, boolean tty,
                                        boolean passEndOfStdin) {
        if (streams.stdin() != null) {
            pumps.execute(() -> pumpStdin(streams.stdin(), connection, passEndOfStdin));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                EngineOutput.copy(connection.output(), tty, streams.stdout(), streams.stderr());
            } catch (IOException e) {
                log.debug("a session's output ended: {}", e.toString());
            } finally {
                closeQuietly(connection);
            }
        }, pumps);
    }

    private static void pumpStdin(InputStream stdin, HijackedConnection connection, boolean passEndOfStdin) {
        byte[] buffer = new byte[STDIN_BUFFER];
        try {
            int read;
            while ((read = stdin.read(buffer)) >= 0) {
                connection.write(buffer, read);
            }
            if (passEndOfStdin) {
                connection.endInput();
            }
        } catch (IOException e) {
            log.debug("a session's stdin ended: {}", e.toString());
        }
    }

    private int exitCodeOf(String execId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_CODE_WAIT_SECONDS);
        InspectExecResponse exec = client.inspectExecCmd(execId).exec();
        while (Boolean.TRUE.equals(exec.isRunning()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            exec = client.inspectExecCmd(execId).exec();
        }
        return exec.getExitCodeLong() == null ? DockerExec.KILLED_EXIT_CODE : exec.getExitCodeLong().intValue();
    }

    /** The engine has no call to end an exec: the agent runs on the engine's machine and ends it by its host PID. */
    private void killExec(String execId) {
        try {
            InspectExecResponse exec = client.inspectExecCmd(execId).exec();
            if (Boolean.TRUE.equals(exec.isRunning()) && exec.getPidLong() != null && exec.getPidLong() > 0) {
                ProcessHandle.of(exec.getPidLong()).ifPresent(process -> {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                });
            }
        } catch (DockerException e) {
            log.debug("exec {} is gone already: {}", execId, e.toString());
        }
    }

    @Override
    public void close() {
        pumps.shutdownNow();
        resizer.shutdownNow();
    }

    private static String flag(boolean on) {
        return on ? "1" : "0";
    }

    private static void closeQuietly(HijackedConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("closing an engine connection: {}", e.toString());
        }
    }

    private interface Resize {
        void apply(int width, int height);
    }

    private final class Session implements StreamSession {
        private final HijackedConnection connection;
        private final CompletableFuture<Integer> exit;
        private final Resize resize;
        private final Runnable end;
        private final AtomicBoolean closed = new AtomicBoolean();

        Session(HijackedConnection connection, CompletableFuture<Integer> exit, Resize resize, Runnable end) {
            this.connection = connection;
            this.exit = exit;
            this.resize = resize;
            this.end = end;
        }

        @Override
        public void resize(int width, int height) {
            tryResize(width, height, RESIZE_ATTEMPTS);
        }

        private void tryResize(int width, int height, int attemptsLeft) {
            if (exit.isDone() || attemptsLeft <= 0) {
                return;
            }
            try {
                resize.apply(width, height);
            } catch (RuntimeException e) {
                resizer.schedule(() -> tryResize(width, height, attemptsLeft - 1), RESIZE_RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public CompletionStage<Integer> exitCode() {
            return exit;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !exit.isDone()) {
                end.run();
                closeQuietly(connection);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
