package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node agent's sync loop (the kubelet's): every {@code interval} it asks a master which pods
 * are bound to its node, reconciles them with {@link PodSync} on a thread of its own (runtime calls
 * block), writes the statuses that changed, and deletes for good the pods whose graceful deletion
 * it has carried out. One round at a time; a failed round is simply followed by the next.
 */
public final class PodAgent {
    private enum Tick { INSTANCE }

    private record Masters(List<ActorRef<NodePods.Request>> services) {}

    private record RoundDone(Throwable failure) {}

    private PodAgent() {}

    public static Behavior<Object> create(String nodeName, PodSync sync, EntityClient entities,
                                          Duration interval, Duration askTimeout) {
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            ExecutorService syncThread = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "pod-sync-" + nodeName);
                thread.setDaemon(true);
                return thread;
            });
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
                        List<ActorRef<NodePods.Request>> known = masters.get(0);
                        if (known.isEmpty()) {
                            timers.startSingleTimer(Tick.INSTANCE, interval);
                            return Behaviors.same();
                        }
                        ActorRef<NodePods.Request> master = known.get(ThreadLocalRandom.current().nextInt(known.size()));
                        CompletionStage<Void> round = AskPattern.<NodePods.Request, NodePods.Bound>ask(master,
                                        replyTo -> new NodePods.ListBound(nodeName, replyTo), askTimeout,
                                        context.getSystem().scheduler())
                                .thenApplyAsync(bound -> sync.sync(bound.pods().stream().map(Json::parseObject)
                                        .toList()), syncThread)
                                .thenCompose(outcome -> report(entities, outcome));
                        context.pipeToSelf(round, (ok, failure) -> new RoundDone(failure));
                        return Behaviors.same();
                    })
                    .onMessage(RoundDone.class, done -> {
                        if (done.failure() != null) {
                            context.getLog().warn("Node {}: pod sync failed: {}", nodeName, done.failure().toString());
                        }
                        timers.startSingleTimer(Tick.INSTANCE, interval);
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private static CompletionStage<Void> report(EntityClient entities, PodSync.Outcome outcome) {
        List<CompletableFuture<ObjectReply>> writes = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> patch : outcome.statusPatches().entrySet()) {
            writes.add(entities.write(ResourceTypes.POD, patch.getKey(), WriteRequest.patch("status", "merge",
                    Json.write(patch.getValue()), "kubelet", false, false)).toCompletableFuture());
        }
        for (ObjectNode pod : outcome.finished()) {
            String id = Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
            String options = "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\""
                    + Json.text(pod, "metadata.uid") + "\"}}";
            writes.add(entities.write(ResourceTypes.POD, id, WriteRequest.delete(options, false))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }
}
