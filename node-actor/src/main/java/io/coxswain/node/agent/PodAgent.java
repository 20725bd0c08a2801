package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node agent's sync loop (the kubelet's): it asks a master which pods are bound to its nodes —
 * one request for all the nodes it serves, its JVM's own node or all of its simulated ones —
 * reconciles each node's pods with that node's runtime through {@link PodSync} on a thread of its
 * own (runtime calls block), writes the statuses that changed, and deletes for good the pods whose
 * graceful deletion it has carried out. One round at a time, each asking as soon as the last is
 * done: the master answers when one of these pods changes, or after {@code interval} when none
 * did, so a new pod starts at once and the containers are still looked at every interval. A failed
 * round is followed by the next after {@code interval}.
 */
public final class PodAgent {
    private enum Tick { INSTANCE }

    /** One node this agent serves, with the sync loop of its pods (over that node's runtime). */
    public record Served(String nodeName, PodSync sync) {}

    private record Masters(List<ActorRef<NodePods.Request>> services) {}

    private record RoundDone(Throwable failure) {}

    private PodAgent() {}

    public static Behavior<Object> create(String nodeName, PodSync sync, EntityClient entities,
                                          Duration interval, Duration askTimeout) {
        return create(List.of(new Served(nodeName, sync)), entities, interval, askTimeout);
    }

    public static Behavior<Object> create(List<Served> nodes, EntityClient entities, Duration interval,
                                          Duration askTimeout) {
        List<String> names = nodes.stream().map(Served::nodeName).toList();
        String label = nodes.size() == 1 ? names.get(0) : nodes.size() + " nodes";
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            ExecutorService syncThread = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "pod-sync-" + names.get(0));
                thread.setDaemon(true);
                return thread;
            });
            Map<String, PodSync> syncs = new LinkedHashMap<>();
            nodes.forEach(node -> syncs.put(node.nodeName(), node.sync()));
            BoundPods known = new BoundPods();
            // What this agent's own status writes got: their coming back in an answer is no reason for a round.
            Map<String, Long> ownWrites = new ConcurrentHashMap<>();
            AtomicLong lastRound = new AtomicLong(System.nanoTime() - interval.toNanos() - 1);
            ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                    listing -> new Masters(List.copyOf(listing.getServiceInstances(NodePods.SERVICE_KEY))));
            context.getSystem().receptionist().tell(Receptionist.subscribe(NodePods.SERVICE_KEY, listings));
            List<List<ActorRef<NodePods.Request>>> masters = new ArrayList<>(List.of(List.of()));
            timers.startSingleTimer(Tick.INSTANCE, interval);
            return Behaviors.receive(Object.class)
                    .onMessage(Masters.class, m -> {
                        masters.set(0, m.services());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        List<ActorRef<NodePods.Request>> services = masters.get(0);
                        if (services.isEmpty()) {
                            timers.startSingleTimer(Tick.INSTANCE, interval);
                            return Behaviors.same();
                        }
                        ActorRef<NodePods.Request> master = services.get(
                                ThreadLocalRandom.current().nextInt(services.size()));
                        long since = known.since();
                        // Held at most until the containers are due for a look again (an interval after the last).
                        long wait = Math.max(0, interval.minusNanos(System.nanoTime() - lastRound.get()).toMillis());
                        CompletionStage<Void> round = AskPattern.<NodePods.Request, NodePods.Bound>ask(master,
                                        replyTo -> new NodePods.ListBound(names, since, wait, replyTo),
                                        askTimeout.plus(interval), context.getSystem().scheduler())
                                .thenApplyAsync(bound -> {
                                    Map<String, List<ObjectNode>> pods = known.apply(bound, ownWrites);
                                    ownWrites.keySet().removeIf(key -> !known.isBound(key));
                                    if (!known.hadNews() && System.nanoTime() - lastRound.get() < interval.toNanos()) {
                                        // Only our own statuses came back: no round before the containers are due
                                        // (a pod that just failed to pull shows ErrImagePull for that long, not a
                                        // few milliseconds, as with the kubelet).
                                        return CompletableFuture.<Void>completedFuture(null);
                                    }
                                    lastRound.set(System.nanoTime());
                                    List<CompletableFuture<?>> written = new ArrayList<>();
                                    List<PodSync.Outcome> outcomes = syncAll(syncs, pods, (key, patch) ->
                                            written.add(writeStatus(entities, key, patch).thenAccept(reply -> {
                                                if (reply.code() / 100 == 2) {
                                                    ownWrites.put(key, reply.resourceVersion());
                                                }
                                            })));
                                    return report(entities, outcomes, written);
                                }, syncThread)
                                .thenCompose(done -> done);
                        context.pipeToSelf(round, (ok, failure) -> new RoundDone(failure));
                        return Behaviors.same();
                    })
                    .onMessage(RoundDone.class, done -> {
                        if (done.failure() != null) {
                            context.getLog().warn("Node {}: pod sync failed: {}", label, done.failure().toString());
                            timers.startSingleTimer(Tick.INSTANCE, interval);
                        } else {
                            // The master holds the next request until there is something to do (or an interval).
                            context.getSelf().tell(Tick.INSTANCE);
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** Syncs every node given; one node's failure does not keep the others from their round. */
    private static List<PodSync.Outcome> syncAll(Map<String, PodSync> syncs, Map<String, List<ObjectNode>> pods,
                                                 java.util.function.BiConsumer<String, ObjectNode> statusChanged) {
        List<PodSync.Outcome> outcomes = new ArrayList<>();
        RuntimeException first = null;
        for (Map.Entry<String, List<ObjectNode>> node : pods.entrySet()) {
            PodSync sync = syncs.get(node.getKey());
            if (sync == null) {
                continue;
            }
            try {
                outcomes.add(sync.sync(node.getValue(), statusChanged));
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null && outcomes.isEmpty()) {
            throw first;
        }
        return outcomes;
    }

    /** Waits for the statuses written during the round, and deletes for good the pods whose stop it finished. */
    private static CompletionStage<Void> report(EntityClient entities, List<PodSync.Outcome> outcomes,
                                                List<CompletableFuture<?>> written) {
        List<CompletableFuture<?>> writes = new ArrayList<>(written);
        outcomes.forEach(outcome -> writes.add(finish(entities, outcome.finished()).toCompletableFuture()));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<ObjectReply> writeStatus(EntityClient entities, String key, ObjectNode patch) {
        return entities.write(ResourceTypes.POD, key, WriteRequest.patch("status", "merge", Json.write(patch),
                "kubelet", false, false)).toCompletableFuture();
    }

    /** Deletes for good the pods whose graceful deletion the agent has carried out. */
    private static CompletionStage<Void> finish(EntityClient entities, List<ObjectNode> finished) {
        List<CompletableFuture<ObjectReply>> writes = new ArrayList<>();
        for (ObjectNode pod : finished) {
            String id = Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
            String options = "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\""
                    + Json.text(pod, "metadata.uid") + "\"}}";
            writes.add(entities.write(ResourceTypes.POD, id, WriteRequest.delete(options, false))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }
}
