package io.coxswain.node.streams;

import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.protocol.entity.PodStreams;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * One forwarded connection: the agent connects to the pod's IP and port — on docker the sandbox's bridge address,
 * reachable from the host; on the process runtime the node's own address, where the pod's processes listen — and
 * pipes the bytes both ways. The connection is half-closed: when the client stops sending, the pod reads end of
 * file and may still answer.
 */
final class PortForwarder {
    private final ContainerRuntime runtime;
    private final StreamSettings settings;
    private final ActorSystem<?> system;
    private final Materializer materializer;

    PortForwarder(ContainerRuntime runtime, StreamSettings settings, ActorSystem<?> system, Materializer materializer) {
        this.runtime = runtime;
        this.settings = settings;
        this.system = system;
        this.materializer = materializer;
    }

    void open(PodStreams.PortForward request) {
        Optional<String> podIp = runtime.listSandboxes().stream()
                .filter(sandbox -> sandbox.podUid().equals(request.podUid()))
                .map(SandboxHandle::podIp)
                .filter(ip -> ip != null && !ip.isEmpty())
                .findFirst();
        if (podIp.isEmpty()) {
            request.replyTo().tell(PodStreams.Forwarding.failed(failure(request, "pod has no sandbox on this node")));
            return;
        }
        InetSocketAddress target = new InetSocketAddress(podIp.get(), request.port());
        Pair<CompletionStage<Tcp.OutgoingConnection>, SourceRef<PodStreams.Chunk>> connected = request.input()
                .getSource()
                .map(chunk -> ByteString.fromArray(chunk.data()))
                .viaMat(Tcp.get(system).outgoingConnection(target, Optional.empty(), List.of(), true,
                        Optional.of(settings.connectTimeout()), Optional.of(settings.idleTimeout())), Keep.right())
                .mapConcat(bytes -> Chunks.split(bytes, settings.chunkSize()).stream().map(PodStreams.Chunk::new)
                        .toList())
                .toMat(StreamRefs.sourceRef(), Keep.both())
                .run(materializer);
        connected.first().whenComplete((connection, failure) -> request.replyTo().tell(failure == null
                ? new PodStreams.Forwarding(connected.second(), "")
                : PodStreams.Forwarding.failed(failure(request, "dial tcp " + target.getHostString() + ":"
                        + request.port() + ": " + reason(failure)))));
    }

    /** Kubernetes' words: "error forwarding port 80 to pod web, uid …: …". */
    private static String failure(PodStreams.PortForward request, String problem) {
        return "error forwarding port " + request.port() + " to pod " + request.podName() + ", uid " + request.podUid()
                + ": " + problem;
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return message.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connect: connection refused" : message;
    }
}
