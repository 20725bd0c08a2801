package io.coxswain.controlplane.version;

import io.coxswain.protocol.entity.ObjectCommand;

import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.controlplane.version.SequencerProtocol.Abort;
import io.coxswain.controlplane.version.SequencerProtocol.Allocate;
import io.coxswain.controlplane.version.SequencerProtocol.Allocated;
import io.coxswain.controlplane.version.SequencerProtocol.Batch;
import io.coxswain.controlplane.version.SequencerProtocol.Command;
import io.coxswain.controlplane.version.SequencerProtocol.Commit;
import io.coxswain.controlplane.version.SequencerProtocol.Feed;
import io.coxswain.controlplane.version.SequencerProtocol.GetHighestAllocated;
import io.coxswain.controlplane.version.SequencerProtocol.HighestAllocated;
import io.coxswain.controlplane.version.SequencerProtocol.SettleOverdue;
import io.coxswain.controlplane.version.SequencerProtocol.Subscribe;
import io.coxswain.controlplane.version.SequencerProtocol.SubscriberTerminated;
import io.coxswain.controlplane.version.SequencerProtocol.Subscribed;
import io.coxswain.protocol.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The one place resource versions come from, and the order in which every master's watch cache
 * hears of changes. A cluster singleton on the masters.
 *
 * <p>Why no change can be skipped: versions are handed out densely (1, 2, 3, …) and each one is
 * <em>settled</em> — committed by its entity after the write persisted, aborted, or declared
 * overdue. Changes are released to the caches strictly in version order, and only up to the
 * highest version below which every version is settled (the watermark). A cache therefore never
 * sees version X before a version below X that will ever be released, and each batch names the
 * watermark it continues from, so a lost message shows as a gap. A write whose entity died
 * between persisting and committing is declared overdue; its entity is asked to re-announce
 * itself, which stamps the object anew, so the change reaches the caches under a newer version
 * instead of being lost.
 *
 * <p>Versions must never repeat, not even after the singleton moves to another master: they are
 * reserved from the journal in blocks, and a new incarnation (a new <em>epoch</em>) starts after
 * the last reserved block. Caches rebuild themselves when the epoch changes.
 */
public final class ResourceVersionSequencer
        extends EventSourcedBehavior<Command, ResourceVersionSequencer.Reserved, ResourceVersionSequencer.State> {

    public static final String PERSISTENCE_ID = "coxswain-resource-version-sequencer";

    /** Versions up to {@code upTo} are reserved (by this incarnation or an earlier one). */
    public record Reserved(long upTo) implements CborSerializable {}

    public record State(long reservedUpTo) implements CborSerializable {}

    /** Where to tell an entity that its write was settled without it. */
    public interface Reannouncer extends BiConsumer<PendingWrite, Long> {}

    /** A version handed out and not yet released. */
    static final class PendingWrite {
        final String entityType;
        final String entityId;
        final long deadlineNanos;
        Change committed;
        boolean settled;

        PendingWrite(String entityType, String entityId, long deadlineNanos) {
            this.entityType = entityType;
            this.entityId = entityId;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final ActorContext<Command> context;
    private final long reservationBlock;
    private final Duration pendingTimeout;
    private final Reannouncer reannouncer;
    private final TreeMap<Long, PendingWrite> pending = new TreeMap<>();
    private final Set<ActorRef<Feed>> subscribers = new HashSet<>();
    private long epoch;
    private long next;
    private long watermark;

    public static Behavior<Command> create(long reservationBlock, Duration pendingTimeout,
                                           java.util.function.Function<ActorContext<Command>, Reannouncer> reannouncer) {
        return Behaviors.withTimers(timers -> Behaviors.setup(context -> {
            timers.startTimerWithFixedDelay(SettleOverdue.INSTANCE, pendingTimeout.dividedBy(5));
            return new ResourceVersionSequencer(context, reservationBlock, pendingTimeout, reannouncer.apply(context));
        }));
    }

    /** Tells the entity of an overdue or rejected write to re-announce itself, through sharding. */
    public static Reannouncer viaSharding(ActorContext<Command> context) {
        var sharding = org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(context.getSystem());
        return (write, version) -> sharding
                .entityRefFor(ApiObjectEntity.typeKey(write.entityType), write.entityId)
                .tell(new ObjectCommand.Reannounce(version));
    }

    private ResourceVersionSequencer(ActorContext<Command> context, long reservationBlock, Duration pendingTimeout,
                                     Reannouncer reannouncer) {
        super(PersistenceId.ofUniqueId(PERSISTENCE_ID));
        this.context = context;
        this.reservationBlock = reservationBlock;
        this.pendingTimeout = pendingTimeout;
        this.reannouncer = reannouncer;
    }

    @Override
    public State emptyState() {
        return new State(0);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    epoch = state.reservedUpTo() + 1;
                    next = epoch;
                    watermark = epoch - 1;
                    context.getLog().info("Resource versions: epoch {} starts at version {}", epoch, next);
                })
                .build();
    }

    @Override
    public CommandHandler<Command, Reserved, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Allocate.class, this::onAllocate)
                .onCommand(Commit.class, (state, commit) -> {
                    onCommit(commit);
                    return Effect().none();
                })
                .onCommand(Abort.class, (state, abort) -> {
                    onAbort(abort);
                    return Effect().none();
                })
                .onCommand(Subscribe.class, (state, subscribe) -> {
                    subscribers.add(subscribe.subscriber());
                    context.watchWith(subscribe.subscriber(), new SubscriberTerminated(subscribe.subscriber()));
                    subscribe.subscriber().tell(new Subscribed(epoch, watermark, context.getSelf()));
                    return Effect().none();
                })
                .onCommand(SubscriberTerminated.class, (state, gone) -> {
                    subscribers.remove(gone.subscriber());
                    return Effect().none();
                })
                .onCommand(GetHighestAllocated.class, (state, ask) -> {
                    ask.replyTo().tell(new HighestAllocated(epoch, next - 1));
                    return Effect().none();
                })
                .onCommand(SettleOverdue.class, (state, tick) -> {
                    settleOverdue();
                    return Effect().none();
                })
                .build();
    }

    @Override
    public EventHandler<State, Reserved> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Reserved.class, (state, reserved) -> new State(reserved.upTo()))
                .build();
    }

    private org.apache.pekko.persistence.typed.javadsl.Effect<Reserved, State> onAllocate(State state, Allocate ask) {
        long version = next++;
        pending.put(version, new PendingWrite(ask.entityType(), ask.entityId(),
                System.nanoTime() + pendingTimeout.toNanos()));
        Allocated answer = new Allocated(epoch, version);
        if (version > state.reservedUpTo()) {
            // Persisting makes Pekko stash further commands, so no version is handed out unreserved.
            return Effect().persist(new Reserved(version + reservationBlock - 1))
                    .thenRun(s -> ask.replyTo().tell(answer));
        }
        ask.replyTo().tell(answer);
        return Effect().none();
    }

    private void onCommit(Commit commit) {
        long version = commit.change().resourceVersion();
        PendingWrite write = commit.epoch() == epoch ? pending.get(version) : null;
        if (write == null || write.settled) {
            // Too late: the version was settled without it (or belongs to an earlier epoch). The
            // entity stamps its object again so the change still reaches every cache.
            reannouncer.accept(new PendingWrite(commit.change().entityType(), commit.change().entityId(), 0), version);
            return;
        }
        write.committed = commit.change();
        write.settled = true;
        release();
    }

    private void onAbort(Abort abort) {
        PendingWrite write = abort.epoch() == epoch ? pending.get(abort.resourceVersion()) : null;
        if (write != null) {
            write.settled = true;
            release();
        }
    }

    private void settleOverdue() {
        long now = System.nanoTime();
        boolean any = false;
        for (Map.Entry<Long, PendingWrite> entry : pending.entrySet()) {
            PendingWrite write = entry.getValue();
            if (!write.settled && now - write.deadlineNanos > 0) {
                write.settled = true;
                any = true;
                context.getLog().warn("Version {} of {} {} was not committed in {}; asking the entity to re-announce",
                        entry.getKey(), write.entityType, write.entityId, pendingTimeout);
                reannouncer.accept(write, entry.getKey());
            }
        }
        if (any) {
            release();
        }
    }

    /** Moves the watermark over every settled version at the front and tells the caches. */
    private void release() {
        long from = watermark;
        List<Change> changes = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstEntry().getValue().settled) {
            Map.Entry<Long, PendingWrite> first = pending.pollFirstEntry();
            if (first.getValue().committed != null) {
                changes.add(first.getValue().committed);
            }
            watermark = first.getKey();
        }
        if (pending.isEmpty()) {
            watermark = next - 1;
        }
        if (watermark > from) {
            Batch batch = new Batch(epoch, from, watermark, List.copyOf(changes));
            subscribers.forEach(subscriber -> subscriber.tell(batch));
        }
    }
}
