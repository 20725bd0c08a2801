package io.coxswain.controlplane.cache;

import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;

import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Loads every object for a watch cache that starts: the journal names every object that ever
 * existed, and each one's entity says what it is now. Asking the entities rather than reading
 * events keeps the entity the only source of truth — it has recovered from snapshot and events,
 * and answers only after any write it has in flight.
 */
public final class EntityBootstrap implements WatchCache.Loader {
    private final ActorSystem<?> system;
    private final String readJournalPluginId;
    private final int parallelism;
    private final Duration askTimeout;
    private final int attempts;

    /**
     * {@code attempts} asks per object: an entity whose shard is being handed over answers late,
     * and one late object must not throw away the thousands already loaded.
     */
    public EntityBootstrap(ActorSystem<?> system, String readJournalPluginId, int parallelism, Duration askTimeout,
                           int attempts) {
        this.system = system;
        this.readJournalPluginId = readJournalPluginId;
        this.parallelism = parallelism;
        this.askTimeout = askTimeout;
        this.attempts = attempts;
    }

    @Override
    public CompletionStage<List<CachedObject>> loadAll() {
        CurrentPersistenceIdsQuery journal = PersistenceQuery.get(system)
                .getReadJournalFor(CurrentPersistenceIdsQuery.class, readJournalPluginId);
        ClusterSharding sharding = ClusterSharding.get(system);
        return journal.currentPersistenceIds()
                .map(EntityBootstrap::parse)
                .filter(Optional::isPresent)
                .map(Optional::get)
                .mapAsyncUnordered(parallelism, id -> fetch(sharding, id, 1))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .runWith(Sink.seq(), system);
    }

    /** What the object is now (empty when it was deleted), asking again after a time-out. */
    private CompletionStage<Optional<CachedObject>> fetch(ClusterSharding sharding, EntityPersistenceId id,
                                                          int attempt) {
        return sharding.entityRefFor(ApiObjectEntity.typeKey(id.entityType()), id.entityId())
                .<ObjectReply>ask(ObjectCommand.Get::new, askTimeout)
                .thenApply(reply -> reply.code() == 200
                        ? Optional.of(CachedObject.of(id.entityType(), id.entityId(), Json.parseObject(reply.body())))
                        : Optional.<CachedObject>empty())
                .handle((object, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(object);
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException && attempt < attempts) {
                        return Patterns.after(askTimeout.dividedBy(10).multipliedBy(attempt), system.classicSystem(),
                                () -> fetch(sharding, id, attempt + 1));
                    }
                    return CompletableFuture.<Optional<CachedObject>>failedFuture(new IllegalStateException(
                            id.entityType() + " " + id.entityId() + " did not answer in " + attempt + " attempts",
                            cause));
                })
                .thenCompose(stage -> stage);
    }

    private record EntityPersistenceId(String entityType, String entityId) {}

    /** "Pod|default/web" → (Pod, default/web); ids of other persistent actors are skipped. */
    private static Optional<EntityPersistenceId> parse(String persistenceId) {
        int bar = persistenceId.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        String entityType = persistenceId.substring(0, bar);
        if (ResourceTypes.byEntityTypeName(entityType).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EntityPersistenceId(entityType, persistenceId.substring(bar + 1)));
    }
}
