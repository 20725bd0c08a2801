package io.coxswain.node.runtime;

import java.util.concurrent.CompletionStage;

/** An exec or attach in progress, started by {@link ContainerRuntime#execStreaming} or {@link ContainerRuntime#attach}. */
public interface StreamSession {

    /** Resizes the session's terminal (no-op without one); a size asked for before the command runs is applied when it does. */
    void resize(int width, int height);

    /**
     * Completes once the session is over and everything it printed was written to its streams: with the command's
     * exit code for an exec, with 0 for an attach (the container ended or the session was closed).
     */
    CompletionStage<Integer> exitCode();

    /** The client went away: an exec'd command is ended, an attach only detaches. Idempotent. */
    void close();
}
