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
import io.coxswain.controlplane.version.SequencerProtocol.ReannounceHeard;
import io.coxswain.controlplane.version.SequencerProtocol.SettleOverdue;
import io.coxswain.controlplane.version.SequencerProtocol.Subscribe;
import io.coxswain.controlplane.version.SequencerProtocol.Subscribed;
import io.coxswain.protocol.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * instead of being lost. That request is repeated every pending timeout until the entity says it
 * heard it: the entity's shard was usually on the master that died, and a message sent there
 * before the shard moved is gone — a deletion persisted there would otherwise stay in every cache.
 *
 * <p>Versions must never repeat, not even after the singleton moves to another master: they are
 * reserved from the journal in blocks, and a new incarnation (a new <em>epoch</em>) starts after
 * the last reserved block. Caches rebuild themselves when the epoch changes.
 *
 * <p>Subscriptions are leases that each cache renews by subscribing again, not death watches: a
 * master restarted at the same address makes Pekko report every watched actor at that address
 * terminated when the old incarnation is removed, which would silently drop the new incarnation's
 * live cache. A cache that renews learns the current watermark, so it also notices any batch it
 * missed; a cache that stops renewing (its master died) is forgotten after the lease.
 */
public final class ResourceVersionSequencer
        extends EventSourcedBehavior<Command, ResourceVersionSequencer.Reserved, ResourceVersionSequencer.State> {

    public static final String PERSISTENCE_ID = "coxswain-resource-version-sequencer";
    /** What a change costs in a batch besides its object: names, type and version. */
    private static final int CHANGE_OVERHEAD_BYTES = 128;

    /** {@code maxBatchBytes}: the objects one batch to the caches may carry; see {@link #inFrames}. */
    public record Settings(long reservationBlock, Duration pendingTimeout, Duration subscriberLease,
                           long maxBatchBytes) {}

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

    private record Reannouncing(PendingWrite write, long askAgainNanos) {}

    private final ActorContext<Command> context;
    private final long reservationBlock;
    private final Duration pendingTimeout;
    private final Reannouncer reannouncer;
    private final Duration subscriberLease;
    private final long maxBatchBytes;
    private final TreeMap<Long, PendingWrite> pending = new TreeMap<>();
    /** Versions whose entity was asked to re-announce and has not said it heard, with when to ask again. */
    private final Map<Long, Reannouncing> reannouncing = new HashMap<>();
    /** Each subscribed cache and when (System.nanoTime) its lease ends unless it subscribes again. */
    private final Map<ActorRef<Feed>, Long> subscribers = new HashMap<>();
    private long epoch;
    private long next;
    private long watermark;

    public static Behavior<Command> create(Settings settings,
                                           java.util.function.Function<ActorContext<Command>, Reannouncer> reannouncer) {
        return Behaviors.withTimers(timers -> Behaviors.setup(context -> {
            timers.startTimerWithFixedDelay(SettleOverdue.INSTANCE, settings.pendingTimeout().dividedBy(5));
            return new ResourceVersionSequencer(context, settings, reannouncer.apply(context));
        }));
    }

    /** Tells the entity of an overdue or rejected write to re-announce itself, through sharding. */
    public static Reannouncer viaSharding(ActorContext<Command> context) {
        var sharding = org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(context.getSystem());
        return (write, version) -> sharding
                .entityRefFor(ApiObjectEntity.typeKey(write.entityType), write.entityId)
                .tell(new ObjectCommand.Reannounce(version));
    }

    private ResourceVersionSequencer(ActorContext<Command> context, Settings settings, Reannouncer reannouncer) {
        super(PersistenceId.ofUniqueId(PERSISTENCE_ID));
        this.context = context;
        this.reservationBlock = settings.reservationBlock();
        this.pendingTimeout = settings.pendingTimeout();
        this.subscriberLease = settings.subscriberLease();
        this.maxBatchBytes = settings.maxBatchBytes();
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
                .onCommand(ReannounceHeard.class, (state, heard) -> {
                    reannouncing.remove(heard.resourceVersion());
                    return Effect().none();
                })
                .onCommand(Subscribe.class, (state, subscribe) -> {
                    // A first subscription or a renewal: either way the answer names the watermark,
                    // after every batch this subscriber was sent (messages between two actors keep
                    // their order), so a subscriber behind it knows it missed one.
                    subscribers.put(subscribe.subscriber(), System.nanoTime() + subscriberLease.toNanos());
                    subscribe.subscriber().tell(new Subscribed(epoch, watermark, context.getSelf()));
                    return Effect().none();
                })
                .onCommand(GetHighestAllocated.class, (state, ask) -> {
                    ask.replyTo().tell(new HighestAllocated(epoch, next - 1));
                    return Effect().none();
                })
                .onCommand(SettleOverdue.class, (state, tick) -> {
                    settleOverdue();
                    forgetExpiredSubscribers();
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
            reannounce(new PendingWrite(commit.change().entityType(), commit.change().entityId(), 0), version);
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
                reannounce(write, entry.getKey());
            }
        }
        if (any) {
            release();
        }
        for (Map.Entry<Long, Reannouncing> entry : reannouncing.entrySet()) {
            if (now - entry.getValue().askAgainNanos() > 0) {
                PendingWrite write = entry.getValue().write();
                context.getLog().info("The entity of version {} ({} {}) has not said it heard the request to "
                        + "re-announce; asking again", entry.getKey(), write.entityType, write.entityId);
                entry.setValue(new Reannouncing(write, now + pendingTimeout.toNanos()));
                reannouncer.accept(write, entry.getKey());
            }
        }
    }

    private void reannounce(PendingWrite write, long version) {
        reannouncing.put(version, new Reannouncing(write, System.nanoTime() + pendingTimeout.toNanos()));
        reannouncer.accept(write, version);
    }

    private void forgetExpiredSubscribers() {
        long now = System.nanoTime();
        subscribers.values().removeIf(leaseEnd -> now - leaseEnd > 0);
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
            for (Batch batch : inFrames(from, watermark, changes)) {
                subscribers.keySet().forEach(subscriber -> subscriber.tell(batch));
            }
        }
    }

    /**
     * The release as chained batches of at most {@code maxBatchBytes} of objects each (a single
     * larger object travels alone): the remoting layer discards a message above its frame size,
     * so one big release — a namespace with thousands of objects deleted at once — would otherwise
     * reach no cache at all and make every cache start over.
     */
    List<Batch> inFrames(long from, long upTo, List<Change> changes) {
        List<Batch> batches = new ArrayList<>();
        List<Change> frame = new ArrayList<>();
        long frameBytes = 0;
        long after = from;
        for (Change change : changes) {
            long bytes = change.objectJson().length() + CHANGE_OVERHEAD_BYTES;
            if (!frame.isEmpty() && frameBytes + bytes > maxBatchBytes) {
                long last = frame.get(frame.size() - 1).resourceVersion();
                batches.add(new Batch(epoch, after, last, List.copyOf(frame)));
                after = last;
                frame.clear();
                frameBytes = 0;
            }
            frame.add(change);
            frameBytes += bytes;
        }
        batches.add(new Batch(epoch, after, upTo, List.copyOf(frame)));
        return batches;
    }
}
