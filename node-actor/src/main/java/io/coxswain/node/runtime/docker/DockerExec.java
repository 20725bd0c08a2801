package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.coxswain.node.runtime.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a command in a running container ({@code docker exec}) with a time limit. The engine has no call to end an
 * exec, so one that overruns is killed by its host PID — the agent runs on the engine's machine, as a kubelet does.
 */
final class DockerExec {
    /** What Kubernetes reports for a command ended by SIGKILL. */
    static final int KILLED_EXIT_CODE = 128 + 9;

    private final DockerClient client;
    private final int outputLimit;

    DockerExec(DockerClient client, int outputLimit) {
        this.client = client;
        this.outputLimit = outputLimit;
    }

    ExecResult run(String containerId, List<String> command, Duration timeout) throws InterruptedException {
        String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
                synchronized (target) {
                    int room = outputLimit - target.size();
                    if (room > 0) {
                        target.write(frame.getPayload(), 0, Math.min(room, frame.getPayload().length));
                    }
                }
            }
        };
        client.execStartCmd(execId).exec(output);
        boolean finished = output.awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        boolean timedOut = false;
        if (!finished) {
            timedOut = killIfRunning(execId);
            output.awaitCompletion(5, TimeUnit.SECONDS);
        }
        closeQuietly(output);
        InspectExecResponse ended = awaitEnd(execId);
        int exitCode = timedOut ? KILLED_EXIT_CODE
                : ended.getExitCodeLong() == null ? KILLED_EXIT_CODE : ended.getExitCodeLong().intValue();
        return new ExecResult(exitCode, text(stdout), text(stderr), timedOut);
    }

    /** Kills the exec'd process and its children; true if it was still running. */
    private boolean killIfRunning(String execId) {
        InspectExecResponse exec = client.inspectExecCmd(execId).exec();
        if (!Boolean.TRUE.equals(exec.isRunning()) || exec.getPidLong() == null || exec.getPidLong() <= 0) {
            return false;
        }
        ProcessHandle.of(exec.getPidLong()).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        return true;
    }

    /** The engine notes an exec's exit code a moment after its output ends. */
    private InspectExecResponse awaitEnd(String execId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        InspectExecResponse exec = client.inspectExecCmd(execId).exec();
        while (Boolean.TRUE.equals(exec.isRunning()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            exec = client.inspectExecCmd(execId).exec();
        }
        return exec;
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(ResultCallback.Adapter<Frame> callback) {
        try {
            callback.close();
        } catch (java.io.IOException e) {
            // the stream is done with either way
        }
    }
}
