package io.coxswain.controlplane.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.events.EventRecorder;
import io.coxswain.protocol.entity.NodeLeases;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Watches node heartbeats and acts on silent nodes — a cluster singleton on the masters, like
 * kube-controller-manager's node lifecycle controller. Every round (level-triggered, from this
 * master's cache): a node past its grace period becomes Ready=Unknown with a NodeNotReady event;
 * taints follow the Ready state; pods on a node tainted NoExecute are deleted when their
 * toleration runs out (Kubernetes gives every pod 300 s); pods bound to a node that does not exist
 * fail with {@code NodeNotFound} once it has stayed missing for the grace period. A node is alive
 * while either its status heartbeat or its lease ({@link NodeLeases}, renewed in memory, no write)
 * is recent.
 */
public final class NodeLifecycleController {
    private enum Tick { INSTANCE }

    private record RoundDone(Throwable failure) {}

    private NodeLifecycleController() {}

    public record Settings(Duration gracePeriod, Duration interval) {}

    public static Behavior<Object> create(ClusterGateway cluster, Settings settings, Clock clock) {
        EventRecorder events = new EventRecorder(cluster, "node-controller", clock);
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(Tick.INSTANCE, settings.interval());
            NodeLeaseTable leases = new NodeLeaseTable(clock.instant());
            context.getSystem().receptionist().tell(Receptionist.register(NodeLeases.SERVICE_KEY,
                    context.getSelf().<NodeLeases.Renew>narrow()));
            return Behaviors.receiveMessage(message -> {
                if (message instanceof NodeLeases.Renew renew) {
                    leases.renew(renew.nodeNames(), clock.instant());
                    needStatus(cluster, renew.nodeNames()).thenAccept(names ->
                            renew.replyTo().tell(new NodeLeases.Renewed(names)));
                } else if (message == Tick.INSTANCE) {
                    context.pipeToSelf(round(cluster, events, settings, clock.instant(), leases::lastRenewal),
                            (done, failure) -> new RoundDone(failure));
                } else if (message instanceof RoundDone done) {
                    if (done.failure() != null) {
                        context.getLog().warn("Node lifecycle round failed: {}", done.failure().toString());
                    }
                    timers.startSingleTimer(Tick.INSTANCE, settings.interval());
                }
                return Behaviors.same();
            });
        }));
    }

    /** The nodes among {@code names} that this master's cache does not show Ready: missing, Unknown or False. */
    static CompletionStage<List<String>> needStatus(ClusterGateway cluster, List<String> names) {
        return all(cluster, ResourceTypes.NODE).thenApply(nodes -> {
            Map<String, JsonNode> byName = new HashMap<>();
            nodes.forEach(node -> byName.put(node.name(), node.object()));
            return names.stream().filter(name -> !byName.containsKey(name)
                    || !"True".equals(NodeHealth.ready(byName.get(name)))).toList();
        });
    }

    static CompletionStage<Void> round(ClusterGateway cluster, EventRecorder events, Settings settings, Instant now,
                                       Function<String, Instant> lastRenewal) {
        CompletableFuture<List<CachedObject>> nodes = all(cluster, ResourceTypes.NODE);
        CompletableFuture<List<CachedObject>> pods = all(cluster, ResourceTypes.POD);
        return nodes.thenCombine(pods, (nodeList, podList) -> {
            List<CompletableFuture<?>> work = new ArrayList<>();
            Map<String, JsonNode> byName = new HashMap<>();
            for (CachedObject cached : nodeList) {
                ObjectNode node = cached.object();
                byName.put(cached.name(), node);
                if (NodeHealth.heartbeatExpired(node, now, settings.gracePeriod(), lastRenewal.apply(cached.name()))) {
                    work.add(write(cluster, ResourceTypes.NODE, cached.key(), WriteRequest.patch("status", "merge",
                            Json.write(NodeHealth.markUnreachable(node, now)), "node-controller", false, false))
                            .thenCompose(r -> events.record(node, "Normal", "NodeNotReady", "Node " + cached.name()
                                    + " status is now: NodeNotReady")).toCompletableFuture());
                    continue;
                }
                NodeHealth.taintsFor(node, now).ifPresent(patch -> work.add(write(cluster, ResourceTypes.NODE,
                        cached.key(), WriteRequest.patch("", "merge", Json.write(patch), "node-controller", false,
                                false)).toCompletableFuture()));
            }
            for (CachedObject pod : podList) {
                if (PodsOnMissingNodes.isOrphaned(pod.object(), byName.keySet(), now, settings.gracePeriod())) {
                    work.add(write(cluster, ResourceTypes.POD, pod.key(), WriteRequest.patch("status", "merge",
                            Json.write(PodsOnMissingNodes.failedStatus(pod.object())), "node-controller", false, false))
                            .thenCompose(r -> events.record(pod.object(), "Warning", PodsOnMissingNodes.REASON,
                                    PodsOnMissingNodes.message(pod.object()))).toCompletableFuture());
                    continue;
                }
                JsonNode node = byName.get(Json.text(pod.object(), "spec.nodeName"));
                if (node == null || pod.object().path("metadata").has("deletionTimestamp")) {
                    continue;
                }
                NodeHealth.evictionTime(pod.object(), node).filter(due -> !due.isAfter(now)).ifPresent(due ->
                        work.add(events.record(pod.object(), "Normal", "TaintManagerEviction",
                                "Marking for deletion Pod " + pod.namespace() + "/" + pod.name())
                                .thenCompose(r -> write(cluster, ResourceTypes.POD, pod.key(), WriteRequest.delete(
                                        // gracePeriodSeconds 0: no agent answers on an unreachable node.
                                        "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\""
                                                + Json.text(pod.object(), "metadata.uid") + "\"}}", false)))
                                .toCompletableFuture()));
            }
            return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
        }).thenCompose(done -> done);
    }

    private static CompletionStage<?> write(ClusterGateway cluster, ResourceType type, String id,
                                            WriteRequest request) {
        return cluster.writeEntity(type, id, replyTo -> new ObjectCommand.Write(request, replyTo));
    }

    private static CompletableFuture<List<CachedObject>> all(ClusterGateway cluster, ResourceType type) {
        ObjectFilter filter = new ObjectFilter(type.entityTypeName(), "", LabelSelector.everything(),
                FieldSelector.everything());
        return cluster.list(filter, 0, 0, null).thenApply(r -> r.items()).toCompletableFuture();
    }
}
