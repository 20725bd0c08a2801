package io.coxswain.controlplane.version;

import org.apache.pekko.actor.typed.ActorRef;
import io.coxswain.protocol.CborSerializable;
import java.util.List;

/** Messages to and from the {@link ResourceVersionSequencer}. */
public final class SequencerProtocol {
    private SequencerProtocol() {}

    public sealed interface Command extends CborSerializable {}

    /** An entity asks for the version of the write it is about to persist. */
    public record Allocate(String entityType, String entityId, ActorRef<Allocated> replyTo) implements Command {}

    public record Allocated(long epoch, long resourceVersion) implements CborSerializable {}

    /** The write stamped {@code resourceVersion} is persisted. */
    public record Commit(long epoch, Change change) implements Command {}

    /** The write stamped {@code resourceVersion} did not happen. */
    public record Abort(long epoch, long resourceVersion) implements Command {}

    /**
     * A master's watch cache asks for every change from now on, and asks again within the
     * sequencer's subscriber lease to stay subscribed; each time it is answered {@link Subscribed}.
     */
    public record Subscribe(ActorRef<Feed> subscriber) implements Command {}

    /**
     * The newest allocated version: every write acknowledged to any client before this
     * question was asked has a version at or below it.
     */
    public record GetHighestAllocated(ActorRef<HighestAllocated> replyTo) implements Command {}

    public record HighestAllocated(long epoch, long resourceVersion) implements CborSerializable {}

    /**
     * The entity asked to re-announce the write stamped {@code resourceVersion} has heard the request (and
     * re-announced it if it was its latest state): the sequencer stops asking. Until then it asks again every
     * pending timeout, since a request sent while the entity's shard was on a master that had just died is lost.
     */
    public record ReannounceHeard(long resourceVersion) implements Command {}

    /** Internal tick that settles versions whose writes never reported back. */
    public enum SettleOverdue implements Command { INSTANCE }

    /** What a subscribed cache receives. */
    public sealed interface Feed extends CborSerializable {}

    /**
     * The subscription starts after {@code watermark} in {@code epoch}. The cache watches
     * {@code sequencer}: when it stops, the next incarnation starts a new epoch.
     */
    public record Subscribed(long epoch, long watermark, ActorRef<Command> sequencer) implements Feed {}

    /**
     * Every version in (afterVersion, watermark] is settled: the committed ones are in
     * {@code changes}, in version order; the rest never happened. Consecutive batches chain
     * (each one's afterVersion is the previous one's watermark), so a cache sees a gap at once.
     */
    public record Batch(long epoch, long afterVersion, long watermark, List<Change> changes) implements Feed {}
}
