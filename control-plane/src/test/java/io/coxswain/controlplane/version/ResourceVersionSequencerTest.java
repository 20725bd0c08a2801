package io.coxswain.controlplane.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.version.SequencerProtocol.Allocated;
import io.coxswain.controlplane.version.SequencerProtocol.Batch;
import io.coxswain.controlplane.version.SequencerProtocol.Feed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ordering guarantees watch caches rely on (see docs/ARCHITECTURE.md). */
class ResourceVersionSequencerTest {
    private static final long MAX_BATCH_BYTES = 1000;
    private ActorTestKit testKit;
    private TestProbe<Long> reannounced;
    private TestProbe<Feed> cache;

    @BeforeEach
    void start() {
        testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
                .withFallback(PersistenceTestKitSnapshotPlugin.config())
                .withFallback(com.typesafe.config.ConfigFactory.load()));
        reannounced = testKit.createTestProbe();
        cache = testKit.createTestProbe();
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    private ActorRef<SequencerProtocol.Command> sequencer(long block, Duration pendingTimeout) {
        return sequencer(block, pendingTimeout, Duration.ofSeconds(30));
    }

    private ActorRef<SequencerProtocol.Command> sequencer(long block, Duration pendingTimeout, Duration lease) {
        return testKit.spawn(ResourceVersionSequencer.create(
                new ResourceVersionSequencer.Settings(block, pendingTimeout, lease, MAX_BATCH_BYTES),
                context -> (write, version) -> reannounced.ref().tell(version)));
    }

    private long allocate(ActorRef<SequencerProtocol.Command> sequencer) {
        TestProbe<Allocated> reply = testKit.createTestProbe();
        sequencer.tell(new SequencerProtocol.Allocate("Pod", "default/x", reply.ref()));
        return reply.receiveMessage().resourceVersion();
    }

    private SequencerProtocol.Subscribed subscribe(ActorRef<SequencerProtocol.Command> sequencer) {
        sequencer.tell(new SequencerProtocol.Subscribe(cache.ref()));
        return cache.expectMessageClass(SequencerProtocol.Subscribed.class);
    }

    private static Change change(long version) {
        return new Change(version, "Pod", "default/x" + version, "ADDED", "{}");
    }

    @Test
    void aRenewalIsAnsweredWithTheWatermarkAfterTheBatchesSentBeforeIt() {
        var sequencer = sequencer(1000, Duration.ofSeconds(5));
        long epoch = subscribe(sequencer).epoch();
        long version = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(version)));
        sequencer.tell(new SequencerProtocol.Subscribe(cache.ref()));
        assertThat(cache.expectMessageClass(Batch.class).watermark()).isEqualTo(version);
        SequencerProtocol.Subscribed renewed = cache.expectMessageClass(SequencerProtocol.Subscribed.class);
        assertThat(renewed.epoch()).isEqualTo(epoch);
        assertThat(renewed.watermark()).isEqualTo(version);
    }

    @Test
    void aSubscriberThatStopsRenewingGetsNoMoreBatchesAfterItsLease() {
        var sequencer = sequencer(1000, Duration.ofMillis(500), Duration.ofMillis(300));
        long epoch = subscribe(sequencer).epoch();
        long first = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(first)));
        assertThat(cache.expectMessageClass(Batch.class).watermark()).isEqualTo(first);
        // The lease (300 ms) ends; expiry is checked every pending-timeout / 5 (100 ms).
        cache.expectNoMessage(Duration.ofMillis(600));
        long second = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(second)));
        cache.expectNoMessage(Duration.ofMillis(300));
        // Subscribing again brings it back, told the watermark it has to catch up with.
        assertThat(subscribe(sequencer).watermark()).isEqualTo(second);
    }

    @Test
    void aBigReleaseTravelsAsChainedBatchesOfBoundedSize() {
        var sequencer = sequencer(1000, Duration.ofSeconds(5));
        long epoch = subscribe(sequencer).epoch();
        long first = allocate(sequencer);
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            later.add(allocate(sequencer));
        }
        String bigObject = "{\"data\":\"" + "x".repeat(300) + "\"}";
        for (long version : later) {
            sequencer.tell(new SequencerProtocol.Commit(epoch, new Change(version, "Pod", "default/x" + version,
                    "ADDED", bigObject)));
        }
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(first)));
        List<Change> received = new ArrayList<>();
        long after = 0;
        while (received.size() < 10) {
            Batch batch = cache.expectMessageClass(Batch.class);
            assertThat(batch.afterVersion()).isEqualTo(after);
            assertThat(batch.changes().stream().mapToInt(c -> c.objectJson().length() + 128).sum())
                    .isLessThanOrEqualTo((int) MAX_BATCH_BYTES);
            received.addAll(batch.changes());
            after = batch.watermark();
        }
        assertThat(after).isEqualTo(later.get(later.size() - 1));
        assertThat(received).extracting(Change::resourceVersion).isSorted().hasSize(10);
    }

    @Test
    void versionsAreDenseAndIncreasing() {
        var sequencer = sequencer(1000, Duration.ofSeconds(5));
        assertThat(allocate(sequencer)).isEqualTo(1);
        assertThat(allocate(sequencer)).isEqualTo(2);
        assertThat(allocate(sequencer)).isEqualTo(3);
    }

    @Test
    void aLaterCommitWaitsForEveryEarlierVersion() {
        var sequencer = sequencer(1000, Duration.ofSeconds(5));
        long epoch = subscribe(sequencer).epoch();
        long first = allocate(sequencer);
        long second = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(second)));
        cache.expectNoMessage(Duration.ofMillis(200));
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(first)));
        Batch batch = cache.expectMessageClass(Batch.class);
        assertThat(batch.afterVersion()).isZero();
        assertThat(batch.watermark()).isEqualTo(second);
        assertThat(batch.changes()).extracting(Change::resourceVersion).containsExactly(first, second);
    }

    @Test
    void abortedVersionsAreSkippedAndBatchesChain() {
        var sequencer = sequencer(1000, Duration.ofSeconds(5));
        long epoch = subscribe(sequencer).epoch();
        long first = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Abort(epoch, first));
        Batch skipped = cache.expectMessageClass(Batch.class);
        assertThat(skipped.changes()).isEmpty();
        long second = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(second)));
        Batch next = cache.expectMessageClass(Batch.class);
        assertThat(next.afterVersion()).isEqualTo(skipped.watermark());
        assertThat(next.changes()).extracting(Change::resourceVersion).containsExactly(second);
    }

    @Test
    void anOverdueVersionIsSettledAndItsEntityAskedToReannounce() {
        var sequencer = sequencer(1000, Duration.ofMillis(300));
        long epoch = subscribe(sequencer).epoch();
        long lost = allocate(sequencer);
        long later = allocate(sequencer);
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(later)));
        assertThat(reannounced.receiveMessage(Duration.ofSeconds(3))).isEqualTo(lost);
        Batch batch = cache.expectMessageClass(Batch.class, Duration.ofSeconds(3));
        assertThat(batch.changes()).extracting(Change::resourceVersion).containsExactly(later);
        // The lost write's commit arrives after all: too late, so its entity must stamp it anew.
        sequencer.tell(new SequencerProtocol.Commit(epoch, change(lost)));
        assertThat(reannounced.receiveMessage()).isEqualTo(lost);
    }

    @Test
    void theRequestToReannounceIsRepeatedUntilTheEntitySaysItHeardIt() {
        var sequencer = sequencer(1000, Duration.ofMillis(300));
        subscribe(sequencer);
        long lost = allocate(sequencer);
        assertThat(reannounced.receiveMessage(Duration.ofSeconds(3))).isEqualTo(lost);
        // Sent to a master that had just died: nobody heard it, so it comes again.
        assertThat(reannounced.receiveMessage(Duration.ofSeconds(3))).as("asked again").isEqualTo(lost);
        sequencer.tell(new SequencerProtocol.ReannounceHeard(lost));
        reannounced.expectNoMessage(Duration.ofMillis(900));
    }

    @Test
    void aNewIncarnationNeverRepeatsAVersion() {
        var sequencer = sequencer(10, Duration.ofSeconds(5));
        for (int i = 0; i < 25; i++) {
            allocate(sequencer);
        }
        testKit.stop(sequencer);
        var next = sequencer(10, Duration.ofSeconds(5));
        long epoch = subscribe(next).epoch();
        assertThat(epoch).isGreaterThan(25);
        assertThat(allocate(next)).isEqualTo(epoch);
    }
}
