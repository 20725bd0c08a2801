package io.coxswain.controlplane.cluster;

import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.Patterns;

/**
 * What the API server asks of the cluster: entities through sharding, the resource version
 * sequencer, and this master's watch cache. Asks to entities and the sequencer are retried
 * within the request's budget, because shards and singletons are briefly unreachable while they
 * move between masters.
 */
public final class ClusterGateway {
    private final ActorSystem<?> system;
    private final ClusterSharding sharding;
    private final ActorRef<SequencerProtocol.Command> sequencer;
    private final ActorRef<WatchCache.Command> cache;
    private final Duration requestTimeout;
    private final Duration attemptTimeout;

    public ClusterGateway(ActorSystem<?> system, ActorRef<SequencerProtocol.Command> sequencer,
                          ActorRef<WatchCache.Command> cache, Duration requestTimeout, Duration attemptTimeout) {
        this.system = system;
        this.sharding = ClusterSharding.get(system);
        this.sequencer = sequencer;
        this.cache = cache;
        this.requestTimeout = requestTimeout;
        this.attemptTimeout = attemptTimeout;
    }

    public ActorSystem<?> system() {
        return system;
    }

    public ActorRef<WatchCache.Command> cache() {
        return cache;
    }

    /** How long a request may take (an API request's, and a read of the cache's). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** A read of an entity: safe to repeat, so it is retried while the entity's shard moves. */
    public CompletionStage<ObjectReply> askEntity(ResourceType type, String entityId,
            Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return retrying(() -> sharding.entityRefFor(ApiObjectEntity.typeKey(type), entityId)
                .ask(command::apply, attemptTimeout), deadline);
    }

    /**
     * A write to an entity: sent once, with the whole request budget. Repeating it after a
     * timeout could apply it twice (a create answered "AlreadyExists" to the client that made
     * it); sharding buffers the message while the entity's shard moves, so one attempt suffices.
     */
    public CompletionStage<ObjectReply> writeEntity(ResourceType type, String entityId,
            Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        return writeEntity(type, entityId, command, System.nanoTime() + requestTimeout.toNanos());
    }

    private CompletionStage<ObjectReply> writeEntity(ResourceType type, String entityId,
            Function<ActorRef<ObjectReply>, ObjectCommand> command, long deadline) {
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), attemptTimeout.toNanos()));
        return sharding.entityRefFor(ApiObjectEntity.typeKey(type), entityId)
                .ask(command::apply, left)
                .thenCompose(reply -> {
                    // 503 means the entity got no resource version and stored nothing: safe to repeat.
                    if (reply.code() == 503 && System.nanoTime() < deadline) {
                        return Patterns.after(Duration.ofMillis(100), system.classicSystem(),
                                () -> writeEntity(type, entityId, command, deadline));
                    }
                    return CompletableFuture.completedFuture(reply);
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        throw ApiStatus.timeout("the write was not confirmed in time; it may or may not have been "
                                + "applied").exception();
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                });
    }

    /** The newest version handed out anywhere: a list that waits for it reads every acknowledged write. */
    public CompletionStage<Long> highestAllocated() {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return retrying(() -> highestAllocatedOnce(attemptTimeout), deadline);
    }

    /** One ask, no retries: for a health check that must answer quickly. */
    public CompletionStage<Long> highestAllocatedOnce(Duration timeout) {
        return AskPattern.<SequencerProtocol.Command, SequencerProtocol.HighestAllocated>ask(
                sequencer, SequencerProtocol.GetHighestAllocated::new, timeout, system.scheduler())
                .thenApply(SequencerProtocol.HighestAllocated::resourceVersion);
    }

    public CompletionStage<Long> awaitVersion(long version) {
        return awaitVersion(version, requestTimeout);
    }

    public CompletionStage<Long> awaitVersion(long version, Duration timeout) {
        return AskPattern.ask(cache, (ActorRef<Long> replyTo) -> new WatchCache.AwaitVersion(version, replyTo),
                timeout, system.scheduler());
    }

    public CompletionStage<WatchCache.ListResult> list(ObjectFilter filter, long minVersion, int limit,
                                                       String continueAfter) {
        return AskPattern.ask(cache, (ActorRef<WatchCache.ListResult> replyTo) ->
                new WatchCache.ListObjects(filter, minVersion, limit, continueAfter, replyTo),
                requestTimeout, system.scheduler());
    }

    public CompletionStage<Optional<CachedObject>> lookup(ResourceType type, String entityId) {
        return lookup(type, entityId, requestTimeout);
    }

    public CompletionStage<Optional<CachedObject>> lookup(ResourceType type, String entityId, Duration timeout) {
        return AskPattern.ask(cache, (ActorRef<Optional<CachedObject>> replyTo) ->
                new WatchCache.Lookup(type.entityTypeName(), entityId, replyTo), timeout, system.scheduler());
    }

    /**
     * Why nothing may be created in {@code namespace} now, as this master's cache shows it: gone,
     * or being deleted ({@code Optional.empty()} when creating is fine). Kubernetes' NamespaceLifecycle
     * admission refuses such creates from everyone, its own controllers included.
     */
    public CompletionStage<Optional<String>> creationRefusal(String namespace) {
        return lookup(io.coxswain.protocol.resource.ResourceTypes.NAMESPACE, namespace).thenApply(found -> {
            if (found.isEmpty()) {
                return Optional.of("namespaces \"" + namespace + "\" not found");
            }
            if (found.get().object().path("metadata").has("deletionTimestamp")) {
                return Optional.of("unable to create new content in namespace " + namespace
                        + " because it is being terminated");
            }
            return Optional.empty();
        });
    }

    private <T> CompletionStage<T> retrying(Supplier<CompletionStage<T>> attempt, long deadline) {
        return attempt.get().handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException && System.nanoTime() < deadline) {
                return Patterns.after(Duration.ofMillis(100), system.classicSystem(),
                        () -> retrying(attempt, deadline));
            }
            if (cause instanceof TimeoutException) {
                return CompletableFuture.<T>failedFuture(ApiStatus.timeout(
                        "the server was unable to reach the object's master in time; retry").exception());
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }
}
