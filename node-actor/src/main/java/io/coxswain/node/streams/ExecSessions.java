package io.coxswain.node.streams;

import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import io.coxswain.protocol.entity.PodStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts exec and attach sessions and wires them to the master's streams: the client's stdin, end of stdin and
 * resizes come in through the request's {@code input}, the command's stdout and stderr go out through a
 * {@link SourceRef} followed by its exit code. The runtime reads and writes plain Java streams; Pekko's stream
 * converters bridge them, with backpressure both ways.
 */
final class ExecSessions {
    private static final Logger log = LoggerFactory.getLogger(ExecSessions.class);

    private final ContainerRuntime runtime;
    private final StreamSettings settings;
    private final Materializer materializer;
    private final Executor blocking;

    ExecSessions(ContainerRuntime runtime, StreamSettings settings, Materializer materializer, Executor blocking) {
        this.runtime = runtime;
        this.settings = settings;
        this.materializer = materializer;
        this.blocking = blocking;
    }

    PodStreams.Opened exec(PodStreams.Exec request) {
        return start(request.podUid(), request.podName(), request.container(), request.input(),
                new Wanted(request.stdin(), request.stdout(), request.stderr(), request.tty()),
                (id, streams) -> runtime.execStreaming(id, request.command(), streams));
    }

    PodStreams.Opened attach(PodStreams.Attach request) {
        return start(request.podUid(), request.podName(), request.container(), request.input(),
                new Wanted(request.stdin(), request.stdout(), request.stderr(), request.tty()), runtime::attach);
    }

    private record Wanted(boolean stdin, boolean stdout, boolean stderr, boolean tty) {}

    private interface Starter {
        StreamSession start(io.coxswain.node.runtime.ContainerId id, SessionStreams streams);
    }

    private PodStreams.Opened start(String podUid, String podName, String container,
                                    SourceRef<PodStreams.Input> input, Wanted wanted, Starter starter) {
        Optional<ContainerStatus> running = latest(podUid, container).filter(ContainerStatus::isRunning);
        if (running.isEmpty()) {
            // The kubelet's words when the container has not started or has ended.
            return PodStreams.Opened.refused(400, "container not found (\"" + container + "\")");
        }
        Pair<SourceQueueWithComplete<ByteString>, InputStream> stdin = wanted.stdin()
                ? Source.<ByteString>queue(settings.inputBuffer(), OverflowStrategy.backpressure())
                        .toMat(StreamConverters.asInputStream(settings.idleTimeout()), Keep.both()).run(materializer)
                : null;
        Pair<OutputStream, Source<ByteString, NotUsed>> stdout = wanted.stdout() ? outputStream() : null;
        Pair<OutputStream, Source<ByteString, NotUsed>> stderr = wanted.stderr() && !wanted.tty() ? outputStream()
                : null;
        StreamSession session;
        try {
            session = starter.start(running.get().id(), new SessionStreams(stdin == null ? null : stdin.second(),
                    stdout == null ? null : stdout.first(), stderr == null ? null : stderr.first(), wanted.tty()));
        } catch (ContainerNotRunningException e) {
            closeAll(stdin, stdout, stderr);
            return PodStreams.Opened.refused(400, "container not found (\"" + container + "\")");
        } catch (ContainerRuntimeException e) {
            closeAll(stdin, stdout, stderr);
            return PodStreams.Opened.refused(400, e.getMessage());
        } catch (RuntimeException e) {
            closeAll(stdin, stdout, stderr);
            log.warn("cannot start a session in container {} of pod {}", container, podName, e);
            return PodStreams.Opened.refused(500, "cannot start the session: " + e.getMessage());
        }
        feedInput(input, stdin == null ? null : stdin.first(), session);
        CompletionStage<Integer> exit = session.exitCode().whenComplete((code, failure) -> {
            closeQuietly(stdout == null ? null : stdout.first());
            closeQuietly(stderr == null ? null : stderr.first());
        });
        Source<PodStreams.Output, NotUsed> printed = Source.empty();
        if (stdout != null) {
            printed = printed.merge(stdout.second().mapConcat(bytes -> pieces(bytes, PodStreams.Output::stdout)));
        }
        if (stderr != null) {
            printed = printed.merge(stderr.second().mapConcat(bytes -> pieces(bytes, PodStreams.Output::stderr)));
        }
        SourceRef<PodStreams.Output> output = printed
                .concat(Source.completionStage(exit).map(PodStreams.Output::exited))
                .recover(Throwable.class, () -> PodStreams.Output.failed("the session failed"))
                .watchTermination((notUsed, done) -> {
                    // The master stopped reading (its client left): the session ends with it.
                    done.whenComplete((ok, failure) -> session.close());
                    return notUsed;
                })
                .runWith(StreamRefs.sourceRef(), materializer);
        return new PodStreams.Opened(output, 200, "");
    }

    private Pair<OutputStream, Source<ByteString, NotUsed>> outputStream() {
        return StreamConverters.asOutputStream(settings.idleTimeout()).preMaterialize(materializer);
    }

    private List<PodStreams.Output> pieces(ByteString bytes, Function<byte[], PodStreams.Output> kind) {
        return Chunks.split(bytes, settings.chunkSize()).stream().map(kind).toList();
    }

    /**
     * Stdin goes to the command's input in order, each piece only once the previous one was taken (backpressure);
     * the end of stdin closes it; resizes go to the session. When the master's side ends — its client went away —
     * the session is closed.
     */
    private void feedInput(SourceRef<PodStreams.Input> input, SourceQueueWithComplete<ByteString> stdin,
                           StreamSession session) {
        AtomicBoolean stdinOpen = new AtomicBoolean(stdin != null);
        input.getSource().mapAsync(1, in -> switch (in.kind()) {
            case STDIN -> stdinOpen.get() ? stdin.offer(ByteString.fromArray(in.data())).thenApply(r -> Done.done())
                    : CompletableFuture.completedFuture(Done.done());
            case END_OF_STDIN -> {
                if (stdinOpen.compareAndSet(true, false)) {
                    stdin.complete();
                }
                yield CompletableFuture.completedFuture(Done.done());
            }
            case RESIZE -> CompletableFuture.supplyAsync(() -> {
                session.resize(in.width(), in.height());
                return Done.done();
            }, blocking);
        }).runWith(Sink.ignore(), materializer).whenComplete((done, failure) -> {
            if (stdinOpen.compareAndSet(true, false)) {
                stdin.complete();
            }
            session.close();
        });
    }

    private Optional<ContainerStatus> latest(String podUid, String container) {
        return runtime.list().stream()
                .filter(c -> c.pod().uid().equals(podUid) && c.containerName().equals(container))
                .max(Comparator.comparingInt(ContainerStatus::attempt))
                .filter(c -> c.state() != ContainerState.UNKNOWN);
    }

    private static void closeAll(Pair<SourceQueueWithComplete<ByteString>, InputStream> stdin,
                                 Pair<OutputStream, Source<ByteString, NotUsed>> stdout,
                                 Pair<OutputStream, Source<ByteString, NotUsed>> stderr) {
        if (stdin != null) {
            stdin.first().complete();
        }
        closeQuietly(stdout == null ? null : stdout.first());
        closeQuietly(stderr == null ? null : stderr.first());
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                log.debug("closing a session's output: {}", e.toString());
            }
        }
    }
}
