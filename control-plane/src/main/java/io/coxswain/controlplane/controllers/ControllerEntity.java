package io.coxswain.controlplane.controllers;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.protocol.CborSerializable;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The controller of one workload object: a sharded actor under the object's own entity id, one
 * entity type per controlled kind, with remember-entities on Cassandra — so it runs wherever its
 * shard lives, and when its master dies it starts again on a survivor by itself.
 *
 * <p>Level-triggered, as Kubernetes' controllers: a round reads the object and what it owns from
 * this master's watch cache, plans ({@link ControllerKind#plan}), and acts. It is woken by the
 * object's entity (every change of the object), by {@link ControllerWakeups} (changes of its
 * dependants seen by this master's cache) and by a resync timer. Wake-ups during a round are
 * coalesced into one more round.
 *
 * <p>It never plans on a view older than its own last write: every write answers with its
 * resource version, and the next round first waits until the cache holds that version (what
 * Kubernetes' expectations approximate), so it does not create a pod twice.
 *
 * <p>When the object is gone — the cache says so at a version after the deletion, and the
 * entity confirms it — the controller passivates, which takes it out of the remembered entities.
 */
public final class ControllerEntity extends AbstractBehavior<ControllerEntity.Command> {

    public sealed interface Command {}

    /** Something changed at {@code version} that may concern this controller: run a round once the cache has it. */
    public record Wake(long version) implements Command, CborSerializable {}

    private enum Tick implements Command { RESYNC, RETRY, REQUEUE }

    private record RoundDone(Round round, Throwable failure) implements Command {}

    /** What a round found and did. */
    private record Round(boolean objectGone, long lastWrittenVersion, String createFailure, String deleteFailure,
                         Duration requeueAfter, CachedObject object) {}

    public record Settings(Duration resyncInterval, Duration retryMin, Duration retryMax) {}

    public static EntityTypeKey<Command> typeKey(ResourceType type) {
        return EntityTypeKey.create(Command.class, "controller-" + type.entityTypeName());
    }

    public static Behavior<Command> create(ControllerKind kind, String entityId, ClusterGateway cluster,
                                           ActionRunner runner, ActorRef<ControllerWakeups.Command> wakeups,
                                           ActorRef<ClusterSharding.ShardCommand> shard,
                                           Settings settings, Clock clock) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new ControllerEntity(context, timers, kind,
                entityId, cluster, runner, wakeups, shard, settings, clock)));
    }

    private final TimerScheduler<Command> timers;
    private final ControllerKind kind;
    private final String entityId;
    private final ClusterGateway cluster;
    private final ActionRunner runner;
    private final ActorRef<ControllerWakeups.Command> wakeups;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final Settings settings;
    private final Clock clock;
    private boolean inRound;
    private boolean wokenDuringRound;
    private boolean stopping;
    private boolean firstRoundDone;
    /** The newest version a round must see: wake-ups' and the controller's own writes'. */
    private long mustSee;
    private ControllerKind.RoundMemory memory = ControllerKind.RoundMemory.NONE;
    private Duration retryDelay;
    private LabelSelector registeredSelector;

    private ControllerEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ControllerKind kind,
                             String entityId, ClusterGateway cluster, ActionRunner runner,
                             ActorRef<ControllerWakeups.Command> wakeups, ActorRef<ClusterSharding.ShardCommand> shard,
                             Settings settings, Clock clock) {
        super(context);
        this.timers = timers;
        this.kind = kind;
        this.entityId = entityId;
        this.cluster = cluster;
        this.runner = runner;
        this.wakeups = wakeups;
        this.shard = shard;
        this.settings = settings;
        this.clock = clock;
        this.retryDelay = settings.retryMin();
        timers.startTimerWithFixedDelay(Tick.RESYNC, settings.resyncInterval());
        context.getLog().debug("Controller of {} {} started", kind.type().kind(), entityId);
        startRound();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wake.class, wake -> {
                    mustSee = Math.max(mustSee, wake.version());
                    return wake();
                })
                .onMessageEquals(Tick.RESYNC, this::wake)
                .onMessageEquals(Tick.RETRY, this::wake)
                .onMessageEquals(Tick.REQUEUE, this::wake)
                .onMessage(RoundDone.class, this::onRoundDone)
                .onSignal(PostStop.class, stop -> {
                    wakeups.tell(new ControllerWakeups.Unregister(kind.type(), entityId, getContext().getSelf()));
                    return this;
                })
                .build();
    }

    private Behavior<Command> wake() {
        if (stopping) {
            return this;
        }
        if (inRound) {
            wokenDuringRound = true;
        } else {
            startRound();
        }
        return this;
    }

    private void startRound() {
        inRound = true;
        wokenDuringRound = false;
        long version = mustSee;
        getContext().pipeToSelf(firstRoundDone ? round(version) : firstRound(), RoundDone::new);
    }

    /**
     * A new incarnation — after its master died mid-round, say — knows nothing of the writes the
     * previous one made. Every one of them got its version before now, so waiting for the newest
     * version handed out anywhere shows them all (or their abandonment) before it plans.
     */
    private CompletionStage<Round> firstRound() {
        return cluster.highestAllocated().thenCompose(this::round);
    }

    private CompletionStage<Round> round(long version) {
        return cluster.awaitVersion(version)
                .thenCompose(seen -> cluster.lookup(kind.type(), entityId))
                .thenCompose(found -> found.isPresent()
                        ? act(found.get())
                        : confirmGone().thenApply(gone -> new Round(gone, 0, null, null, null, null)));
    }

    private CompletionStage<Round> act(CachedObject object) {
        ControllerKind.CacheReader reader = (type, namespace) -> cluster.list(
                new io.coxswain.controlplane.cache.ObjectFilter(type.entityTypeName(), namespace,
                        LabelSelector.everything(), io.coxswain.protocol.selector.FieldSelector.everything()),
                0, 0, null).thenApply(io.coxswain.controlplane.cache.WatchCache.ListResult::items);
        return kind.plan(reader, object, memory, clock.instant())
                .thenCompose(actions -> runner.run(kind.type(), object, actions))
                .thenApply(outcome -> new Round(false, outcome.lastWrittenVersion(), outcome.createFailure(),
                        outcome.deleteFailure(), outcome.requeueAfter(), object));
    }

    /** The cache lags the entity only in time: ask the entity before taking the object for gone. */
    private CompletionStage<Boolean> confirmGone() {
        return cluster.askEntity(kind.type(), entityId, ObjectCommand.Get::new)
                .thenApply(reply -> reply.code() == 404);
    }

    private Behavior<Command> onRoundDone(RoundDone done) {
        inRound = false;
        if (done.failure() != null) {
            getContext().getLog().warn("Controller of {} {}: round failed ({}); again in {} ms", kind.type().kind(),
                    entityId, done.failure().toString(), retryDelay.toMillis());
            timers.startSingleTimer(Tick.RETRY, retryDelay);
            retryDelay = min(retryDelay.multipliedBy(2), settings.retryMax());
            return this;
        }
        retryDelay = settings.retryMin();
        firstRoundDone = true;
        Round round = done.round();
        if (round.objectGone()) {
            getContext().getLog().debug("Controller of {} {}: the object is gone; stopping", kind.type().kind(),
                    entityId);
            stopping = true;
            shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
            return this;
        }
        mustSee = Math.max(mustSee, round.lastWrittenVersion());
        memory = new ControllerKind.RoundMemory(round.createFailure(), round.deleteFailure());
        if (round.object() != null) {
            register(round.object());
        }
        if (round.requeueAfter() != null) {
            timers.startSingleTimer(Tick.REQUEUE, round.requeueAfter());
        }
        if (wokenDuringRound) {
            startRound();
        }
        return this;
    }

    private void register(CachedObject object) {
        LabelSelector selector = kind.adoptionSelector(object);
        if (!selector.equals(registeredSelector)) {
            registeredSelector = selector;
            wakeups.tell(new ControllerWakeups.Register(kind.type(), entityId, kind.dependantsNamespace(object), selector,
                    getContext().getSelf()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
