package io.coxswain.controlplane.nodes;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import io.coxswain.controlplane.cache.WatchCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Answers node agents, from this master's watch cache, which pods are bound to their nodes: one
 * pass over the pods for every node the asking JVM hosts, whole objects only for the pods changed
 * since the agent last looked (see {@link NodePods}).
 *
 * <p>A request with nothing new is held (a long poll) until a pod bound to one of its nodes
 * changes in this master's cache, or its wait is over: bound pods reach their agent as soon as the
 * cache holds them, and an idle agent costs one request per interval. A change wakes a held request
 * only after {@code coalesce}, so a burst of bindings reaches the agent as one answer, not one
 * round per pod.
 */
public final class NodePodsService {
    /** Room for the changed pods in one answer: well under Artery's 256 KiB frame, with the keys beside. */
    static final int CHANGED_BYTES_BUDGET = 128 * 1024;

    private static final ObjectFilter ALL_PODS = new ObjectFilter(ResourceTypes.POD.entityTypeName(), "",
            LabelSelector.everything(), FieldSelector.everything());

    public sealed interface Command {}

    private record Asked(NodePods.ListBound request) implements Command {}

    /** {@code mayHold}: a first look, which is held when it has nothing new; a look after a change is answered. */
    private record Listed(NodePods.ListBound request, WatchCache.ListResult result, boolean mayHold)
            implements Command {}

    private record ListFailed(NodePods.ListBound request, Throwable failure) implements Command {}

    private record Observed(WatchCache.Observation observation) implements Command {}

    /** A held request's wait is over, or a change woke it and the coalescing delay passed: answer it now. */
    private record Release(long id) implements Command {}

    /** A request with nothing new, held until a change to one of its nodes' pods or the end of its wait. */
    private record Held(NodePods.ListBound request, Set<String> nodes, NodePods.Bound idleAnswer) {}

    private NodePodsService() {}

    public static Behavior<Command> create(ClusterGateway cluster, Duration coalesce) {
        return create(cluster.cache(), cluster.requestTimeout(), coalesce);
    }

    /** @param listTimeout how long a list may wait for the cache to reach the version an agent has seen */
    static Behavior<Command> create(ActorRef<WatchCache.Command> cache, Duration listTimeout, Duration coalesce) {
        return Behaviors.<Command>setup(context -> Behaviors.withTimers(timers -> {
            context.getSystem().receptionist().tell(Receptionist.register(NodePods.SERVICE_KEY,
                    context.messageAdapter(NodePods.Request.class, request -> new Asked((NodePods.ListBound) request))));
            cache.tell(new WatchCache.Observe(context.messageAdapter(WatchCache.Observation.class,
                    Observed::new)));
            Map<Long, Held> held = new HashMap<>();
            Map<Long, Held> woken = new HashMap<>();
            // The version of the latest change to a pod bound to each node: a change that came between a
            // request's list and its holding must still wake it.
            Map<String, Long> lastChange = new HashMap<>();
            long[] nextId = {0};
            return Behaviors.receive(Command.class)
                    .onMessage(Asked.class, asked -> {
                        list(cache, listTimeout, context, asked.request(), true);
                        return Behaviors.same();
                    })
                    .onMessage(Listed.class, listed -> {
                        NodePods.ListBound request = listed.request();
                        NodePods.Bound answer = answer(request.nodeNames(), request.sinceVersion(),
                                listed.result().items(), listed.result().resourceVersion(), CHANGED_BYTES_BUDGET);
                        if (!listed.mayHold() || !answer.changedPods().isEmpty() || !answer.complete()
                                || request.waitMillis() <= 0) {
                            request.replyTo().tell(answer);
                            return Behaviors.same();
                        }
                        long listedAt = listed.result().resourceVersion();
                        if (request.nodeNames().stream().anyMatch(n -> lastChange.getOrDefault(n, 0L) > listedAt)) {
                            list(cache, listTimeout, context, request, false);
                            return Behaviors.same();
                        }
                        long id = nextId[0]++;
                        held.put(id, new Held(request, Set.copyOf(request.nodeNames()), answer));
                        timers.startSingleTimer(id, new Release(id), Duration.ofMillis(request.waitMillis()));
                        return Behaviors.same();
                    })
                    .onMessage(ListFailed.class, failed -> {
                        // The agent's ask times out and it asks again (another master, maybe): nothing to answer.
                        context.getLog().debug("Listing the pods of {} failed: {}", failed.request().nodeNames(),
                                failed.failure().toString());
                        return Behaviors.same();
                    })
                    .onMessage(Release.class, release -> {
                        Held idle = held.remove(release.id());
                        if (idle != null) {
                            idle.request().replyTo().tell(idle.idleAnswer());
                        }
                        Held changed = woken.remove(release.id());
                        if (changed != null) {
                            // Answered whatever it shows: a pod gone from a node changes its keys, not its objects.
                            list(cache, listTimeout, context, changed.request(), false);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Observed.class, observed -> {
                        if (observed.observation() instanceof WatchCache.Changed changed) {
                            Set<String> nodes = boundNodes(changed);
                            nodes.forEach(node -> lastChange.put(node, changed.version()));
                            wake(held, woken, timers, coalesce, h -> nodes.stream().anyMatch(h.nodes()::contains));
                        } else if (observed.observation() instanceof WatchCache.Reloaded) {
                            wake(held, woken, timers, coalesce, h -> true);
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private static void list(ActorRef<WatchCache.Command> cache, Duration timeout, ActorContext<Command> context,
                             NodePods.ListBound request, boolean mayHold) {
        CompletionStage<WatchCache.ListResult> listed = AskPattern.ask(cache, replyTo -> new WatchCache.ListObjects(
                ALL_PODS, request.sinceVersion(), 0, null, replyTo), timeout, context.getSystem().scheduler());
        context.pipeToSelf(listed, (result, failure) ->
                failure != null ? new ListFailed(request, failure) : new Listed(request, result, mayHold));
    }

    /** The nodes a change concerns: the one the pod is bound to now, and the one it was bound to before. */
    private static Set<String> boundNodes(WatchCache.Changed changed) {
        Set<String> nodes = new HashSet<>();
        for (CachedObject pod : new CachedObject[] {changed.before(), changed.after()}) {
            if (pod != null && pod.entityType().equals(ResourceTypes.POD.entityTypeName())) {
                String node = pod.object().path("spec").path("nodeName").asText("");
                if (!node.isEmpty()) {
                    nodes.add(node);
                }
            }
        }
        return nodes;
    }

    /**
     * Moves the held requests concerned to {@code woken}, to be listed anew (with every change since) after the
     * coalescing delay; a later change does not push that back.
     */
    private static void wake(Map<Long, Held> held, Map<Long, Held> woken, TimerScheduler<Command> timers,
                             Duration coalesce, java.util.function.Predicate<Held> concerned) {
        var entries = held.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, Held> entry = entries.next();
            if (concerned.test(entry.getValue())) {
                entries.remove();
                woken.put(entry.getKey(), entry.getValue());
                // Same key as its wait: this replaces the end of the wait.
                timers.startSingleTimer(entry.getKey(), new Release(entry.getKey()), coalesce);
            }
        }
    }

    /**
     * The answer to an agent that has seen its pods up to {@code since}, from {@code pods} as of the cache's
     * {@code watermark}: every bound pod's key, and the pods changed after {@code since} in version order until
     * {@code budget} bytes of JSON (at least one, so an answer always moves on).
     */
    static NodePods.Bound answer(List<String> nodeNames, long since, List<CachedObject> pods, long watermark,
                                 int budget) {
        Map<String, List<String>> keys = new HashMap<>();
        nodeNames.forEach(name -> keys.put(name, new ArrayList<>()));
        List<CachedObject> changed = new ArrayList<>();
        for (CachedObject pod : pods) {
            List<String> bound = keys.get(pod.object().path("spec").path("nodeName").asText(""));
            if (bound != null) {
                bound.add(pod.key());
                if (pod.resourceVersion() > since) {
                    changed.add(pod);
                }
            }
        }
        changed.sort(Comparator.comparingLong(CachedObject::resourceVersion));
        List<String> json = new ArrayList<>();
        int bytes = 0;
        for (CachedObject pod : changed) {
            String text = Json.write(pod.object());
            if (!json.isEmpty() && bytes + text.length() > budget) {
                long asOf = changed.get(json.size() - 1).resourceVersion();
                return new NodePods.Bound(keys, json, asOf, false);
            }
            json.add(text);
            bytes += text.length();
        }
        return new NodePods.Bound(keys, json, Math.max(watermark, since), true);
    }
}
