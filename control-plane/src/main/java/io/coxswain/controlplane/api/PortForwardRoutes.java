package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.streams.ChannelPortForwardSession;
import io.coxswain.controlplane.streams.PortOpener;
import io.coxswain.controlplane.streams.SpdyPortForwardSession;
import io.coxswain.controlplane.streams.StreamLimits;
import io.coxswain.protocol.entity.PodStreams;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * {@code …/pods/NAME/portforward}. kubectl 1.31+ tunnels SPDY through a WebSocket (subprotocol
 * {@code SPDY/3.1+portforward.k8s.io}, {@link SpdyPortForwardSession}); fabric8 and client-java speak the channel
 * protocol ({@code v4.channel.k8s.io} with {@code ?ports=}, {@link ChannelPortForwardSession}). Each forwarded
 * connection is one connection the agent of the pod's node makes to the pod. The plain SPDY upgrade (older kubectl,
 * and kubectl's fallback) is served too ({@link SpdyUpgrade}).
 */
final class PortForwardRoutes {
    static final String PORT_FORWARD_PROTOCOL = "portforward.k8s.io";
    static final String SPDY_TUNNEL = "SPDY/3.1+" + PORT_FORWARD_PROTOCOL;
    private static final List<String> CHANNEL_PROTOCOLS = List.of("v4.channel.k8s.io", "portforward.k8s.io");

    private final ActorSystem<?> system;
    private final Materializer materializer;
    private final Duration timeout;
    private final StreamLimits limits;
    private final NodeAgents agents;

    PortForwardRoutes(ActorSystem<?> system, Materializer materializer, Duration timeout, StreamLimits limits) {
        this.system = system;
        this.materializer = materializer;
        this.timeout = timeout;
        this.limits = limits;
        this.agents = new NodeAgents(system, timeout);
    }

    CompletionStage<HttpResponse> forward(HttpRequest request, ObjectNode pod, Query query) {
        String node = PodContainers.node(pod);
        PortOpener opener = opener(node, Json.text(pod, "metadata.uid"), Json.text(pod, "metadata.name"));
        WebSocketUpgrade upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade).orElse(null);
        if (upgrade == null) {
            if (SpdyUpgrade.requested(request, PORT_FORWARD_PROTOCOL)) {
                return CompletableFuture.completedFuture(SpdyUpgrade.accept(PORT_FORWARD_PROTOCOL,
                        new SpdyPortForwardSession(opener, limits, materializer).flow()));
            }
            throw ApiStatus.badRequest("Upgrade request required: forward ports over WebSocket (" + SPDY_TUNNEL
                    + " or " + CHANNEL_PROTOCOLS.get(0) + ") or SPDY/3.1 (" + PORT_FORWARD_PROTOCOL + ")").exception();
        }
        List<String> offered = WebSocketMessages.offeredProtocols(request);
        if (offered.contains(SPDY_TUNNEL)) {
            Flow<ByteString, ByteString, NotUsed> session = new SpdyPortForwardSession(opener, limits, materializer)
                    .flow();
            return CompletableFuture.completedFuture(WebSocketMessages.accept(upgrade, messages(session),
                    SPDY_TUNNEL));
        }
        String protocol = offered.stream().filter(CHANNEL_PROTOCOLS::contains).findFirst().orElseThrow(() ->
                ApiStatus.badRequest("unable to upgrade: none of the requested protocols is supported; use "
                        + SPDY_TUNNEL + " or " + CHANNEL_PROTOCOLS.get(0)).exception());
        List<Integer> ports = ports(query);
        return CompletableFuture.completedFuture(WebSocketMessages.accept(upgrade,
                messages(ChannelPortForwardSession.flow(ports, opener, limits, materializer)), protocol));
    }

    /** {@code ports=80,8080} or {@code ports=80&ports=8080}, as the kubelet reads them. */
    private static List<Integer> ports(Query query) {
        List<Integer> ports = new ArrayList<>();
        for (String value : query.all("ports")) {
            for (String part : value.split(",")) {
                try {
                    int port = Integer.parseInt(part.trim());
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    throw ApiStatus.badRequest("unable to parse \"" + part + "\" as a port").exception();
                }
            }
        }
        if (ports.isEmpty()) {
            throw ApiStatus.badRequest("query parameter \"ports\" is required").exception();
        }
        return ports;
    }

    private PortOpener opener(String node, String uid, String name) {
        return (port, input) -> agents.find(PodStreams.serviceKey(node), node)
                .thenCompose(agent -> AskPattern.ask(agent, (ActorRef<PodStreams.Forwarding> replyTo) ->
                        new PodStreams.PortForward(uid, name, port, input, replyTo), timeout, system.scheduler()));
    }

    /** The session's bytes as binary WebSocket messages, in and out. */
    private Flow<Message, Message, NotUsed> messages(Flow<ByteString, ByteString, NotUsed> session) {
        return Flow.<Message>create()
                .mapAsync(1, message -> WebSocketMessages.bytes(message, limits.messageTimeout(), materializer))
                .via(session)
                .map(bytes -> (Message) BinaryMessage.create(bytes));
    }
}
