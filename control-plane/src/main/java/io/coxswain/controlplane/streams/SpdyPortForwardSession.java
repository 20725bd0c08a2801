package io.coxswain.controlplane.streams;

import io.coxswain.controlplane.streams.SpdyFraming.Received;
import io.coxswain.controlplane.streams.SpdyFraming.Sent;
import io.coxswain.protocol.entity.PodStreams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

/**
 * The server side of kubectl's port-forward connection: SPDY/3.1 ({@code portforward.k8s.io}), whether tunnelled
 * through a WebSocket or spoken on the upgraded connection itself.
 *
 * <p>For every local connection the client opens two streams with the same {@code requestID} header — first
 * {@code streamType: error}, then {@code streamType: data}, both with the pod's {@code port} — and waits for each
 * stream's SYN_REPLY. Once both are there the agent is asked to connect; the data stream then carries the bytes
 * both ways, and a FIN on it says that side is done. The error stream carries a message if the connection could
 * not be made or broke, and is closed in any case once the pod's side is done. Pings are answered.
 *
 * <p>What we send is merged from the replies and every connection's data into one ordered stream of frames: a
 * reply is queued before its stream's data can exist, so the client never sees data on a stream not replied to.
 */
public final class SpdyPortForwardSession {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SpdyPortForwardSession.class);
    private static final byte[] NOTHING = new byte[0];

    private final PortOpener opener;
    private final StreamLimits limits;
    private final Materializer materializer;
    private final SpdyFraming framing = new SpdyFraming();
    private final Map<String, PendingPair> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Connection> connections = new ConcurrentHashMap<>();
    private final SharedKillSwitch ending = KillSwitches.shared("port-forward");
    private Sink<Sent, NotUsed> toClient;
    private SourceQueueWithComplete<Sent> control;

    public SpdyPortForwardSession(PortOpener opener, StreamLimits limits, Materializer materializer) {
        this.opener = opener;
        this.limits = limits;
        this.materializer = materializer;
    }

    /** Bytes of the connection in, bytes out; one flow per client connection, materialized once. */
    public Flow<ByteString, ByteString, NotUsed> flow() {
        Pair<Sink<Sent, NotUsed>, Source<Sent, NotUsed>> hub = MergeHub.of(Sent.class, limits.inputBuffer())
                .preMaterialize(materializer);
        toClient = hub.first();
        control = Source.<Sent>queue(limits.inputBuffer(), OverflowStrategy.backpressure()).to(toClient)
                .run(materializer);
        Sink<ByteString, NotUsed> fromClient = Flow.<ByteString>create()
                .mapConcat(framing::decode)
                .mapAsync(1, this::handle)
                .to(Sink.onComplete(done -> {
                    if (done.isFailure()) {
                        log.warn("port-forward connection failed: {}", done.failed().get().toString());
                    }
                    end();
                }));
        Source<ByteString, NotUsed> frames = hub.second().via(ending.flow()).map(frame -> {
            log.debug("port-forward frame to the client: {}", frame);
            return framing.encode(frame);
        });
        return Flow.fromSinkAndSource(fromClient, frames);
    }

    private CompletionStage<Done> handle(Received frame) {
        log.debug("port-forward frame from the client: {}", frame);
        if (frame instanceof SpdyFraming.SynStream stream) {
            return opened(stream);
        }
        if (frame instanceof SpdyFraming.Data data) {
            return received(data);
        }
        if (frame instanceof SpdyFraming.Reset reset) {
            Connection connection = connections.get(reset.streamId());
            if (connection != null) {
                connection.stop();
            }
        } else if (frame instanceof SpdyFraming.Ping ping) {
            return send(new SpdyFraming.Pong(ping.id()));
        }
        return CompletableFuture.completedFuture(Done.done());
    }

    private CompletionStage<Done> opened(SpdyFraming.SynStream stream) {
        String type = stream.headers().getOrDefault("streamtype", "");
        int port = parsePort(stream.headers().getOrDefault("port", ""));
        if (port < 1 || (!type.equals("error") && !type.equals("data"))) {
            return send(new SpdyFraming.SendReset(stream.streamId())); // the kubelet refuses such a stream too
        }
        // Clients before requestID numbered a connection's streams consecutively: error n, data n + 2.
        String requestId = stream.headers().getOrDefault("requestid",
                Integer.toString(type.equals("error") ? stream.streamId() : stream.streamId() - 2));
        CompletionStage<Done> replied = send(new SpdyFraming.SynReply(stream.streamId(), type));
        PendingPair pair = pending.computeIfAbsent(requestId, id -> new PendingPair(port));
        synchronized (pair) {
            if (type.equals("error")) {
                pair.errorStream = stream.streamId();
            } else {
                pair.dataStream = stream.streamId();
            }
            if (pair.errorStream > 0 && pair.dataStream > 0) {
                pending.remove(requestId);
                connect(pair);
            }
        }
        return replied;
    }

    private CompletionStage<Done> received(SpdyFraming.Data data) {
        Connection connection = connections.get(data.streamId());
        if (connection == null || data.streamId() != connection.dataStream) {
            return CompletableFuture.completedFuture(Done.done()); // the error stream carries nothing our way
        }
        CompletionStage<Done> offered = CompletableFuture.completedFuture(Done.done());
        for (PodStreams.Chunk chunk : limits.chunks(data.data())) {
            offered = offered.thenCompose(done -> connection.input.offer(chunk));
        }
        if (data.last()) {
            offered = offered.thenApply(done -> {
                connection.input.complete();
                return done;
            });
        }
        return offered;
    }

    private void connect(PendingPair pair) {
        Connection connection = new Connection(pair.errorStream, pair.dataStream,
                ClientInput.open(limits.inputBuffer(), materializer));
        connections.put(pair.errorStream, connection);
        connections.put(pair.dataStream, connection);
        opener.open(pair.port, connection.input.ref()).whenComplete((forwarding, failure) -> {
            if (failure != null || !forwarding.connected()) {
                connection.input.complete();
                String message = failure != null ? Failures.message(failure) : forwarding.error();
                Source.from(List.<Sent>of(new SpdyFraming.SendData(connection.errorStream, utf8(message), true),
                        new SpdyFraming.SendData(connection.dataStream, NOTHING, true)))
                        .runWith(toClient, materializer);
                forget(connection);
                return;
            }
            connection.output(forwarding.output().getSource()
                    .map(chunk -> (Sent) new SpdyFraming.SendData(connection.dataStream, chunk.data(), false))
                    .concat(Source.from(List.<Sent>of(new SpdyFraming.SendData(connection.dataStream, NOTHING, true),
                            new SpdyFraming.SendData(connection.errorStream, NOTHING, true))))
                    .recoverWithRetries(1, Throwable.class, () -> Source.from(List.<Sent>of(
                            new SpdyFraming.SendData(connection.errorStream,
                                    utf8("the connection to the pod broke off"), true),
                            new SpdyFraming.SendData(connection.dataStream, NOTHING, true))))
                    .watchTermination((notUsed, done) -> {
                        done.whenComplete((ok, broken) -> forget(connection));
                        return notUsed;
                    })
                    .viaMat(KillSwitches.single(), Keep.right())
                    .to(toClient)
                    .run(materializer));
        });
    }

    private void forget(Connection connection) {
        connections.remove(connection.errorStream, connection);
        connections.remove(connection.dataStream, connection);
    }

    /** The client went away: every connection ends, and so does what we send. */
    private void end() {
        connections.values().forEach(Connection::stop);
        connections.clear();
        control.complete();
        ending.shutdown();
    }

    private CompletionStage<Done> send(Sent frame) {
        return control.offer(frame).handle((result, failure) -> Done.done());
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class PendingPair {
        private final int port;
        private int errorStream;
        private int dataStream;

        PendingPair(int port) {
            this.port = port;
        }
    }

    private static final class Connection {
        private final int errorStream;
        private final int dataStream;
        private final ClientInput<PodStreams.Chunk> input;
        private volatile UniqueKillSwitch output;
        private volatile boolean stopped;

        Connection(int errorStream, int dataStream, ClientInput<PodStreams.Chunk> input) {
            this.errorStream = errorStream;
            this.dataStream = dataStream;
            this.input = input;
        }

        void output(UniqueKillSwitch killSwitch) {
            output = killSwitch;
            if (stopped) {
                killSwitch.shutdown();
            }
        }

        void stop() {
            stopped = true;
            input.complete();
            UniqueKillSwitch killSwitch = output;
            if (killSwitch != null) {
                killSwitch.shutdown();
            }
        }
    }
}
