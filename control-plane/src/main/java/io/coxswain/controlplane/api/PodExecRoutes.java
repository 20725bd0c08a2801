package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.streams.ClientInput;
import io.coxswain.controlplane.streams.RemoteCommandChannels;
import io.coxswain.controlplane.streams.StreamLimits;
import io.coxswain.protocol.entity.PodStreams;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.util.List;
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
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code …/pods/NAME/exec} and {@code …/attach} over a WebSocket ({@link RemoteCommandChannels}): the master checks
 * the request, asks the agent of the pod's node to start the session (an answer of 400 or 404 from the agent is
 * the client's answer, before any upgrade), then relays the client's messages to the agent and the agent's output
 * back, until the session ends with its Status on the error channel.
 */
final class PodExecRoutes {
    private final ActorSystem<?> system;
    private final Materializer materializer;
    private final Duration timeout;
    private final StreamLimits limits;
    private final NodeAgents agents;

    PodExecRoutes(ActorSystem<?> system, Materializer materializer, Duration timeout, StreamLimits limits) {
        this.system = system;
        this.materializer = materializer;
        this.timeout = timeout;
        this.limits = limits;
        this.agents = new NodeAgents(system, timeout);
    }

    CompletionStage<HttpResponse> exec(HttpRequest request, ObjectNode pod, Query query) {
        List<String> command = query.all("command");
        if (command.isEmpty()) {
            throw ApiStatus.badRequest("you must specify at least 1 command").exception();
        }
        return open(request, pod, query, command);
    }

    CompletionStage<HttpResponse> attach(HttpRequest request, ObjectNode pod, Query query) {
        return open(request, pod, query, List.of());
    }

    /** {@code command} is empty for an attach. */
    private CompletionStage<HttpResponse> open(HttpRequest request, ObjectNode pod, Query query, List<String> command) {
        String node = PodContainers.node(pod);
        String container = PodContainers.choose(pod, query.get("container"));
        boolean stdin = query.flag("stdin");
        boolean stdout = query.flag("stdout");
        boolean stderr = query.flag("stderr");
        boolean tty = query.flag("tty");
        if (!stdin && !stdout && !stderr) {
            throw ApiStatus.badRequest("you must specify at least 1 of stdin, stdout, stderr").exception();
        }
        WebSocketUpgrade upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade).orElse(null);
        if (upgrade == null) {
            return refuseWithoutWebSocket(pod, container, node);
        }
        String protocol = RemoteCommandChannels.negotiate(WebSocketMessages.offeredProtocols(request)).orElseThrow(() ->
                ApiStatus.badRequest("unable to upgrade: none of the requested protocols is supported; use "
                        + RemoteCommandChannels.V5 + " or " + RemoteCommandChannels.V4).exception());
        String uid = Json.text(pod, "metadata.uid");
        String name = Json.text(pod, "metadata.name");
        ClientInput<PodStreams.Input> input = ClientInput.open(limits.inputBuffer(), materializer);
        return agents.find(PodStreams.serviceKey(node), node)
                .thenCompose(agent -> AskPattern.ask(agent, (ActorRef<PodStreams.Opened> replyTo) -> command.isEmpty()
                        ? new PodStreams.Attach(uid, name, container, stdin, stdout, stderr, tty, input.ref(), replyTo)
                        : new PodStreams.Exec(uid, name, container, command, stdin, stdout, stderr, tty, input.ref(),
                                replyTo), timeout, system.scheduler()))
                .whenComplete((opened, failure) -> {
                    if (failure != null || !opened.started()) {
                        input.complete();
                    }
                })
                .thenApply(opened -> {
                    if (!opened.started()) {
                        throw new ApiStatus(opened.code(), opened.code() == 404 ? "NotFound" : "BadRequest",
                                opened.message(), null, null, null, List.of()).exception();
                    }
                    Source<Message, NotUsed> output = opened.output().getSource()
                            .map(out -> (Message) BinaryMessage.create(RemoteCommandChannels.message(out, command)))
                            .recover(Throwable.class, () -> BinaryMessage.create(RemoteCommandChannels.failureMessage(
                                    "the stream from node " + node + " broke off")));
                    return WebSocketMessages.accept(upgrade,
                            org.apache.pekko.stream.javadsl.Flow.fromSinkAndSource(clientMessages(input), output),
                            protocol);
                });
    }

    /**
     * kubectl falls back to a SPDY upgrade when the WebSocket one fails, and shows the fallback's answer: give the
     * reason a WebSocket would have met too — the container not running, the node's agent not reachable — before
     * saying that only WebSocket is served.
     */
    private CompletionStage<HttpResponse> refuseWithoutWebSocket(ObjectNode pod, String container, String node) {
        if (!PodContainers.running(pod, container)) {
            throw ApiStatus.badRequest(containerNotFound(container)).exception();
        }
        return agents.find(PodStreams.serviceKey(node), node).thenApply(agent -> {
            throw ApiStatus.badRequest("Upgrade request required: this server streams exec and attach over "
                    + "WebSocket (" + RemoteCommandChannels.V5 + ", " + RemoteCommandChannels.V4 + ") only")
                    .exception();
        });
    }

    /** The kubelet's words for a container that does not run (not started yet, or ended). */
    static String containerNotFound(String container) {
        return "container not found (\"" + container + "\")";
    }

    /** The client's messages, in order, into the session's input; when the client closes, so does the input. */
    private Sink<Message, NotUsed> clientMessages(ClientInput<PodStreams.Input> input) {
        return Flow.<Message>create()
                .mapAsync(1, message -> WebSocketMessages.bytes(message, limits.messageTimeout(), materializer))
                .mapConcat(bytes -> RemoteCommandChannels.input(bytes).map(in -> limits.split(in)).orElse(List.of()))
                .mapAsync(1, input::offer)
                .to(Sink.onComplete(done -> input.complete()));
    }
}
