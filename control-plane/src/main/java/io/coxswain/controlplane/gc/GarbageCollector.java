package io.coxswain.controlplane.gc;

import io.coxswain.protocol.entity.ObjectCommand;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Deletes dependants whose owners are gone, and carries out foreground and orphan deletion — a
 * cluster singleton on the masters. Level-triggered: every sweep looks at all objects in this
 * master's watch cache, plans with {@link OwnerGraph}, and acts; a missed sweep is made good by
 * the next one. Before deleting a dependant it asks each owner's entity, so an owner the cache has
 * not seen yet is never taken for a missing one.
 */
public final class GarbageCollector {
    private enum Tick { INSTANCE }

    private record SweepDone(int actions, Throwable failure) {}

    private GarbageCollector() {}

    public static Behavior<Object> create(ClusterGateway cluster, Duration interval) {
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(Tick.INSTANCE, interval);
            return Behaviors.receiveMessage(message -> {
                if (message == Tick.INSTANCE) {
                    context.pipeToSelf(sweep(cluster), (actions, failure) -> new SweepDone(
                            actions == null ? 0 : actions, failure));
                } else if (message instanceof SweepDone done) {
                    if (done.failure() != null) {
                        context.getLog().warn("Garbage collection sweep failed: {}", done.failure().toString());
                    }
                    timers.startSingleTimer(Tick.INSTANCE, interval);
                }
                return Behaviors.same();
            });
        }));
    }

    static CompletionStage<Integer> sweep(ClusterGateway cluster) {
        List<CompletableFuture<List<CachedObject>>> lists = new ArrayList<>();
        for (ResourceType type : ResourceTypes.ALL_TYPES) {
            ObjectFilter all = new ObjectFilter(type.entityTypeName(), "", LabelSelector.everything(),
                    FieldSelector.everything());
            lists.add(cluster.list(all, 0, 0, null).thenApply(r -> r.items()).toCompletableFuture());
        }
        return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<CachedObject> objects = new ArrayList<>();
            lists.forEach(list -> objects.addAll(list.join()));
            List<OwnerGraph.Action> actions = OwnerGraph.plan(objects);
            List<CompletableFuture<?>> work = new ArrayList<>();
            for (OwnerGraph.Action action : actions) {
                work.add(act(cluster, action).toCompletableFuture());
            }
            return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApply(v -> actions.size());
        });
    }

    private static CompletionStage<?> act(ClusterGateway cluster, OwnerGraph.Action action) {
        CachedObject target = action.target();
        ResourceType type = ApiObjectEntity.resourceTypeOf(target.entityType());
        if (action instanceof OwnerGraph.Patch patch) {
            return cluster.writeEntity(type, target.key(), replyTo -> new ObjectCommand.Write(
                    WriteRequest.patch("", patch.patchType(), patch.patch(), "garbage-collector", false, false),
                    replyTo));
        }
        return ownersAllGone(cluster, target).thenCompose(gone -> {
            if (!gone) {
                return CompletableFuture.completedFuture(null);
            }
            String options = "{\"propagationPolicy\":\"Background\",\"preconditions\":{\"uid\":\""
                    + Json.text(target.object(), "metadata.uid") + "\"}}";
            return cluster.writeEntity(type, target.key(), replyTo -> new ObjectCommand.Write(
                    WriteRequest.delete(options, false), replyTo));
        });
    }

    /** True when no owner of {@code dependant} exists with the referenced uid, asking the owners' entities. */
    private static CompletionStage<Boolean> ownersAllGone(ClusterGateway cluster, CachedObject dependant) {
        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        for (JsonNode reference : dependant.object().path("metadata").path("ownerReferences")) {
            Optional<ResourceType> ownerType = ResourceTypes.ALL_TYPES.stream()
                    .filter(t -> t.apiVersion().equals(reference.path("apiVersion").asText())
                            && t.kind().equals(reference.path("kind").asText()))
                    .findFirst();
            if (ownerType.isEmpty()) {
                return CompletableFuture.completedFuture(false); // an owner of a kind we do not serve: leave it
            }
            String id = ApiObjectEntity.entityId(ownerType.get(), dependant.namespace(),
                    reference.path("name").asText());
            String uid = reference.path("uid").asText();
            checks.add(cluster.askEntity(ownerType.get(), id, ObjectCommand.Get::new)
                    .thenApply(reply -> reply.code() == 404
                            || (reply.code() == 200 && !uid.equals(Json.text(Json.parseObject(reply.body()),
                            "metadata.uid")))
                            || (reply.code() == 200 && foregroundDeleting(reply.body())))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(v -> checks.stream().allMatch(CompletableFuture::join));
    }

    private static boolean foregroundDeleting(String ownerJson) {
        JsonNode metadata = Json.parseObject(ownerJson).path("metadata");
        if (!metadata.has("deletionTimestamp")) {
            return false;
        }
        for (JsonNode finalizer : metadata.path("finalizers")) {
            if (finalizer.asText().equals(io.coxswain.controlplane.entity.Finalizers.FOREGROUND_DELETION)) {
                return true;
            }
        }
        return false;
    }
}
