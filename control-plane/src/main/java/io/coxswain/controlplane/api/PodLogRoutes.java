package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.PodLogs;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET …/pods/NAME/log}: the master asks the node agent of the pod's node for the
 * container's log; with {@code follow=true} it keeps asking for the lines after those sent, as a
 * chunked response that ends when the container stops (so {@code kubectl logs -f} ends too).
 */
final class PodLogRoutes {
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

    private final ActorSystem<?> system;
    private final Duration timeout;
    private final NodeAgents agents;

    PodLogRoutes(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
        this.agents = new NodeAgents(system, timeout);
    }

    CompletionStage<HttpResponse> logs(ObjectNode pod, Query query) {
        String node = PodContainers.node(pod);
        String container = PodContainers.choose(pod, query.get("container"));
        Integer tail = query.get("tailLines").isEmpty() ? null : query.integer("tailLines", 0);
        Long since = query.get("sinceSeconds").isEmpty() ? null : (long) query.integer("sinceSeconds", 0);
        boolean previous = query.flag("previous");
        boolean timestamps = query.flag("timestamps");
        String uid = Json.text(pod, "metadata.uid");
        CompletionStage<ActorRef<PodLogs.Request>> agent = agents.find(PodLogs.serviceKey(node), node);
        Asker asker = after -> ask(agent, uid, container, previous, tail, since, timestamps, after);
        // The first answer decides the response: a container with no log yet is a 400 that says
        // why (kubectl prints it and fails), never an empty success, with or without follow.
        return asker.ask(0).thenApply(first -> {
            if (first.code() == PodLogs.Text.NO_CONTAINER) {
                throw ApiStatus.badRequest(ContainerNotStarted.message(pod, container, previous)).exception();
            }
            if (first.code() != 200) {
                throw ApiStatus.badRequest(first.text()).exception();
            }
            if (!query.flag("follow")) {
                return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8,
                        first.text()));
            }
            return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8,
                    Source.single(ByteString.fromString(first.text())).concat(follow(asker, first))));
        });
    }

    /** Asks the node agent for the lines after a count. */
    @FunctionalInterface
    private interface Asker {
        CompletionStage<PodLogs.Text> ask(long after);
    }

    /**
     * The lines after {@code first}'s, asked for until the container has stopped: again at once
     * after new lines, after {@link #FOLLOW_POLL} after none.
     */
    private Source<ByteString, NotUsed> follow(Asker asker, PodLogs.Text first) {
        if (!first.running()) {
            return Source.empty();
        }
        return Source.unfoldAsync(first.lines(), after -> asker.ask(after).thenCompose(text -> {
            if (text.code() != 200 || (text.text().isEmpty() && !text.running())) {
                return CompletableFuture.completedFuture(Optional.<Pair<Long, ByteString>>empty());
            }
            Optional<Pair<Long, ByteString>> next = Optional.of(Pair.create(text.lines(),
                    ByteString.fromString(text.text())));
            return text.text().isEmpty()
                    ? Patterns.after(FOLLOW_POLL, system.classicSystem(), () -> CompletableFuture.completedFuture(next))
                    : CompletableFuture.completedFuture(next);
        }));
    }

    private CompletionStage<PodLogs.Text> ask(CompletionStage<ActorRef<PodLogs.Request>> agent, String uid,
                                              String container, boolean previous, Integer tail, Long since,
                                              boolean timestamps, long after) {
        return agent.thenCompose(found -> AskPattern.ask(found, (ActorRef<PodLogs.Text> replyTo) ->
                new PodLogs.Request(uid, container, previous, tail, since, timestamps, after, replyTo), timeout,
                system.scheduler()));
    }
}
