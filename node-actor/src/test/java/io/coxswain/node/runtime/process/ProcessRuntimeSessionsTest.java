package io.coxswain.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interactive exec and attach of the process runtime, with real host processes and a real pseudo-terminal. */
class ProcessRuntimeSessionsTest extends ProcessRuntimeFixture {

    @Test
    void execReadsStdinToItsEndAndKeepsStdoutAndStderrApart() throws Exception {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        StreamSession session = runtime.execStreaming(id, List.of("sh", "-c", "cat; echo done >&2; exit 5"),
                new SessionStreams(new ByteArrayInputStream("piped in\n".getBytes()), out, err, false));

        assertThat(session.exitCode().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("piped in\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("done\n");
    }

    @Test
    void execOnATerminalTakesTheResizedSize() throws Exception {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        StreamSession session = runtime.execStreaming(id, List.of("sh", "-c",
                        "i=0; while [ \"$(stty size)\" != \"30 100\" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; "
                                + "test -t 1 && echo terminal $(stty size)"),
                new SessionStreams(null, out, null, true));
        session.resize(100, 30);

        assertThat(session.exitCode().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("terminal 30 100");
    }

    @Test
    void aMissingCommandEndsWithTheShellsCodeAndSaysWhy() throws Exception {
        ContainerId id = start("app", "sleep", "30");
        awaitState(id, ContainerState.RUNNING);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        StreamSession session = runtime.execStreaming(id, List.of("nosuchcmd"),
                new SessionStreams(null, new ByteArrayOutputStream(), err, false));

        assertThat(session.exitCode().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(127);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("executable file not found in $PATH");
    }

    @Test
    void attachFollowsWhatTheContainerPrintsFromNowOnUntilItEnds() throws Exception {
        ContainerId id = startShell("echo before; sleep 2; echo after; sleep 1");
        awaitState(id, ContainerState.RUNNING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        StreamSession session = runtime.attach(id, new SessionStreams(null, out, null, false));

        assertThat(session.exitCode().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("after\n");
    }
}
