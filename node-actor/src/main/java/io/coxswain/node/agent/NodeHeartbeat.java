package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Registers this node's Node object and renews its heartbeat, as a kubelet posts node status:
 * the masters' node lifecycle controller marks a node whose heartbeat stops NotReady. Each beat
 * is level-triggered — it creates the Node if it is missing (deleted, or first start) and writes
 * the whole status — so a missed one needs no repair.
 */
public final class NodeHeartbeat {
    private enum Beat { INSTANCE }

    /** Sent when a master says the node is not Ready (or missing): write the status now. */
    public enum BeatNow { INSTANCE }

    private record BeatDone(Throwable failure) {}

    private NodeHeartbeat() {}

    /**
     * Beats at once, then every {@code interval} (shortened by up to a tenth at random, so that the
     * virtual nodes of one JVM spread their writes), and whenever told {@link BeatNow}.
     */
    public static Behavior<Object> create(NodeDescription node, EntityClient entities, Duration interval) {
        return create(node, entities, interval, Duration.ZERO);
    }

    /** As above, the first beat (the registration) after {@code firstBeat}: many virtual nodes do not all register at once. */
    public static Behavior<Object> create(NodeDescription node, EntityClient entities, Duration interval,
                                          Duration firstBeat) {
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            if (firstBeat.isZero()) {
                context.getSelf().tell(Beat.INSTANCE);
            } else {
                timers.startSingleTimer(Beat.INSTANCE, firstBeat);
            }
            boolean[] registered = {false};
            boolean[] inFlight = {false};
            return Behaviors.receiveMessage(message -> {
                if (message == Beat.INSTANCE || (message == BeatNow.INSTANCE && registered[0] && !inFlight[0])) {
                    inFlight[0] = true;
                    timers.cancel(Beat.INSTANCE);
                    context.pipeToSelf(beat(node, entities, Clock.systemUTC()), (ok, failure) -> new BeatDone(failure));
                } else if (message instanceof BeatDone done) {
                    inFlight[0] = false;
                    if (done.failure() != null) {
                        context.getLog().warn("Node {}: heartbeat failed ({}); retrying", node.name(),
                                done.failure().toString());
                        timers.startSingleTimer(Beat.INSTANCE, Duration.ofSeconds(1));
                    } else {
                        if (!registered[0]) {
                            context.getLog().info("Node {} registered and Ready", node.name());
                            registered[0] = true;
                        }
                        timers.startSingleTimer(Beat.INSTANCE, jittered(interval));
                    }
                }
                return Behaviors.same();
            });
        }));
    }

    static Duration jittered(Duration interval) {
        return interval.minusNanos((long) (interval.toNanos() * 0.1 * ThreadLocalRandom.current().nextDouble()));
    }

    static CompletionStage<Void> beat(NodeDescription node, EntityClient entities, Clock clock) {
        return entities.get(ResourceTypes.NODE, node.name()).thenCompose(current -> {
            if (current.code() == 404) {
                return entities.write(ResourceTypes.NODE, node.name(),
                        WriteRequest.create(Json.write(node.node()), false)).thenCompose(created -> {
                            if (created.code() >= 300 && created.code() != 409) {
                                return failed(created);
                            }
                            return patchStatus(node, entities, clock, null);
                        });
            }
            if (current.code() != 200) {
                return failed(current);
            }
            return patchStatus(node, entities, clock, Json.parseObject(current.body()));
        });
    }

    private static CompletionStage<Void> patchStatus(NodeDescription node, EntityClient entities, Clock clock,
                                                     ObjectNode current) {
        ObjectNode patch = node.statusPatch(clock.instant());
        if (current != null) {
            keepTransitionTimes(current, patch);
        }
        return entities.write(ResourceTypes.NODE, node.name(),
                WriteRequest.patch("status", "merge", Json.write(patch), "kubelet", false, false))
                .thenCompose(reply -> reply.code() < 300 ? CompletableFuture.completedFuture(null) : failed(reply));
    }

    /** A condition whose status did not change keeps its lastTransitionTime, as Kubernetes reports it. */
    private static void keepTransitionTimes(ObjectNode current, ObjectNode patch) {
        ArrayNode conditions = (ArrayNode) patch.path("status").path("conditions");
        for (JsonNode existing : current.path("status").path("conditions")) {
            for (JsonNode node : conditions) {
                ObjectNode condition = (ObjectNode) node;
                if (condition.path("type").asText().equals(existing.path("type").asText())
                        && condition.path("status").asText().equals(existing.path("status").asText())
                        && existing.has("lastTransitionTime")) {
                    condition.set("lastTransitionTime", existing.get("lastTransitionTime").deepCopy());
                }
            }
        }
    }

    private static CompletionStage<Void> failed(ObjectReply reply) {
        return CompletableFuture.failedFuture(new IllegalStateException("HTTP " + reply.code() + ": " + reply.body()));
    }
}
