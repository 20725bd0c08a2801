package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.events.EventRecorder;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.Conditions;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The scheduler as a cluster singleton on the masters (one active, like a leader-elected
 * kube-scheduler). Level-triggered: every round takes this master's cache as a snapshot, places
 * every pending pod with {@link Scheduler} — counting earlier placements of the same round — and
 * binds it through the pod's {@code binding} subresource. A pod that fits nowhere gets
 * {@code PodScheduled=False} with Kubernetes' message and a FailedScheduling event, and is tried
 * again every round, so it is placed as soon as nodes or pods change.
 */
public final class SchedulingLoop {
    public static final String SCHEDULER_NAME = "default-scheduler";

    private enum Tick { INSTANCE }

    private record RoundDone(long watermark, Throwable failure) {}

    private SchedulingLoop() {}

    public static Behavior<Object> create(ClusterGateway cluster, Duration interval, Clock clock) {
        Scheduler scheduler = Scheduler.withDefaultProfile();
        EventRecorder events = new EventRecorder(cluster, SCHEDULER_NAME, clock);
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(Tick.INSTANCE, interval);
            long[] lastRound = {-1};
            return Behaviors.receiveMessage(message -> {
                if (message == Tick.INSTANCE) {
                    // Nothing changed since the last round (same cache version): same outcome, skip it.
                    context.pipeToSelf(cluster.awaitVersion(0).thenCompose(watermark -> watermark == lastRound[0]
                                    ? CompletableFuture.completedFuture(watermark)
                                    : round(cluster, scheduler, events, clock).thenApply(v -> watermark)),
                            (watermark, failure) -> new RoundDone(watermark == null ? -1 : watermark, failure));
                } else if (message instanceof RoundDone done) {
                    if (done.failure() != null) {
                        context.getLog().warn("Scheduling round failed: {}", done.failure().toString());
                    } else {
                        lastRound[0] = done.watermark();
                    }
                    timers.startSingleTimer(Tick.INSTANCE, interval);
                }
                return Behaviors.same();
            });
        }));
    }

    static CompletionStage<Void> round(ClusterGateway cluster, Scheduler scheduler, EventRecorder events,
                                       Clock clock) {
        CompletableFuture<List<CachedObject>> nodes = all(cluster, ResourceTypes.NODE);
        CompletableFuture<List<CachedObject>> pods = all(cluster, ResourceTypes.POD);
        return nodes.thenCombine(pods, (n, p) -> place(cluster, scheduler, events, clock, objects(n), objects(p)))
                .thenCompose(work -> work);
    }

    private static CompletionStage<Void> place(ClusterGateway cluster, Scheduler scheduler, EventRecorder events,
                                               Clock clock, List<ObjectNode> nodes, List<ObjectNode> pods) {
        ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, pods);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (ObjectNode pod : pending(pods)) {
            PodInfo info = PodInfo.of(pod);
            ScheduleResult result = scheduler.schedule(info, snapshot);
            if (result instanceof ScheduleResult.Bound bound) {
                snapshot = snapshot.assume(info, bound.nodeName());
                writes.add(bind(cluster, pod, bound.nodeName()).thenCompose(reply -> reply.code() < 300
                        ? events.record(pod, "Normal", "Scheduled", "Successfully assigned " + info.namespace() + "/"
                                + info.name() + " to " + bound.nodeName())
                        : CompletableFuture.completedFuture(null)).toCompletableFuture());
            } else if (result instanceof ScheduleResult.Unschedulable unschedulable
                    && !unschedulable.message().equals(currentUnschedulableMessage(pod))) {
                writes.add(markUnschedulable(cluster, pod, unschedulable.message(), clock)
                        .thenCompose(reply -> reply.code() < 300
                                ? events.record(pod, "Warning", "FailedScheduling", unschedulable.message())
                                : CompletableFuture.completedFuture(null)).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** Pods waiting for this scheduler, oldest first, as kube-scheduler's queue orders equal priorities. */
    static List<ObjectNode> pending(List<ObjectNode> pods) {
        return pods.stream()
                .filter(p -> Json.text(p, "spec.nodeName").isEmpty())
                .filter(p -> !p.path("metadata").has("deletionTimestamp"))
                .filter(p -> {
                    String name = Json.text(p, "spec.schedulerName");
                    return name.isEmpty() || name.equals(SCHEDULER_NAME);
                })
                .filter(p -> {
                    String phase = Json.text(p, "status.phase");
                    return !phase.equals("Succeeded") && !phase.equals("Failed");
                })
                .sorted(Comparator.comparing((ObjectNode p) -> Json.text(p, "metadata.creationTimestamp"))
                        .thenComparing(p -> Json.text(p, "metadata.namespace"))
                        .thenComparing(p -> Json.text(p, "metadata.name")))
                .toList();
    }

    private static String currentUnschedulableMessage(ObjectNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("PodScheduled".equals(condition.path("type").asText())
                    && "False".equals(condition.path("status").asText())) {
                return condition.path("message").asText("");
            }
        }
        return "";
    }

    private static CompletionStage<ObjectReply> bind(ClusterGateway cluster, ObjectNode pod, String node) {
        ObjectNode binding = Json.object();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        ObjectNode metadata = binding.putObject("metadata");
        metadata.put("name", Json.text(pod, "metadata.name"));
        metadata.put("namespace", Json.text(pod, "metadata.namespace"));
        ObjectNode target = binding.putObject("target");
        target.put("apiVersion", "v1");
        target.put("kind", "Node");
        target.put("name", node);
        WriteRequest request = new WriteRequest(WriteRequest.Verb.CREATE, "binding", Json.write(binding), "", "",
                false, false, "Ignore");
        return write(cluster, pod, request);
    }

    private static CompletionStage<ObjectReply> markUnschedulable(ClusterGateway cluster, ObjectNode pod,
                                                                  String message, Clock clock) {
        ObjectNode status = Json.object();
        status.set("conditions", pod.path("status").path("conditions").deepCopy());
        if (!status.get("conditions").isArray()) {
            status.putArray("conditions");
        }
        Conditions.set(status, "PodScheduled", "False", "Unschedulable", message,
                clock.instant());
        ObjectNode patch = Json.object();
        patch.set("status", status);
        // The pod's version is a precondition: a pod bound meanwhile is not marked unschedulable.
        patch.putObject("metadata").put("resourceVersion", Json.text(pod, "metadata.resourceVersion"));
        return write(cluster, pod, WriteRequest.patch("status", "merge", Json.write(patch), SCHEDULER_NAME, false,
                false));
    }

    private static CompletionStage<ObjectReply> write(ClusterGateway cluster, ObjectNode pod, WriteRequest request) {
        String id = ApiObjectEntity.entityId(ResourceTypes.POD, Json.text(pod, "metadata.namespace"),
                Json.text(pod, "metadata.name"));
        return cluster.writeEntity(ResourceTypes.POD, id, replyTo -> new ObjectCommand.Write(request, replyTo));
    }

    private static CompletableFuture<List<CachedObject>> all(ClusterGateway cluster, ResourceType type) {
        ObjectFilter filter = new ObjectFilter(type.entityTypeName(), "", LabelSelector.everything(),
                FieldSelector.everything());
        return cluster.list(filter, 0, 0, null).thenApply(r -> r.items()).toCompletableFuture();
    }

    private static List<ObjectNode> objects(List<CachedObject> cached) {
        return cached.stream().map(CachedObject::object).toList();
    }
}
