package io.coxswain.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerStdio;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interactive exec and attach on the real engine: stdin to its end, both output streams, terminals, exit codes. */
class DockerRuntimeSessionsIT extends DockerRuntimeFixture {

    @Test
    void execReadsStdinToItsEndAndKeepsStdoutAndStderrApart() throws Exception {
        ContainerId id = start("app", "sleep", "60");
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
        ContainerId id = start("app", "sleep", "60");
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
    void attachWritesToTheStdinOfAContainerStartedWithOne() throws Exception {
        ContainerId id = runtime.startContainer(sandbox, spec("reader", "sh", "-c", "read line; echo \"got $line\"")
                .withStdio(new ContainerStdio(true, false, false)), 0).id();
        PipedOutputStream typing = new PipedOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        StreamSession session = runtime.attach(id, new SessionStreams(new PipedInputStream(typing), out, null, false));
        typing.write("hello\n".getBytes());
        typing.flush();

        assertThat(session.exitCode().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got hello\n");
        typing.close();
    }
}
