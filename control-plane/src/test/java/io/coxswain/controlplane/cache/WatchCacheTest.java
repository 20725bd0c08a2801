package io.coxswain.controlplane.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.version.Change;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's subscription to the sequencer, with a probe playing the sequencer: a cache must not
 * stay "ready" while changes no longer reach it.
 */
class WatchCacheTest {
    private static final Duration RENEWAL = Duration.ofMillis(100);
    private static final ObjectFilter CONFIG_MAPS =
            new ObjectFilter("ConfigMap", "ns", LabelSelector.everything(), FieldSelector.everything());

    private ActorTestKit testKit;
    private TestProbe<SequencerProtocol.Command> sequencer;
    private final AtomicReference<List<CachedObject>> stored = new AtomicReference<>(List.of());
    private ActorRef<WatchCache.Command> cache;

    @BeforeEach
    void start() {
        testKit = ActorTestKit.create();
        sequencer = testKit.createTestProbe();
        cache = testKit.spawn(WatchCache.create(sequencer.ref(),
                () -> CompletableFuture.completedFuture(stored.get()),
                new WatchCache.Settings(1000, RENEWAL, Duration.ofSeconds(30))));
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    /** Waits for the cache's next Subscribe (first or renewal) and answers it. */
    private ActorRef<SequencerProtocol.Feed> answerSubscribe(long epoch, long watermark) {
        var subscribe = sequencer.expectMessageClass(SequencerProtocol.Subscribe.class);
        subscribe.subscriber().tell(new SequencerProtocol.Subscribed(epoch, watermark, sequencer.ref()));
        return subscribe.subscriber();
    }

    private static Change configMap(long version, String name) {
        return new Change(version, "ConfigMap", "ns/" + name, "ADDED", Json.write(configMapObject(version, name)));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode configMapObject(long version, String name) {
        var object = Json.object();
        object.put("kind", "ConfigMap").put("apiVersion", "v1");
        object.putObject("metadata").put("name", name).put("namespace", "ns")
                .put("resourceVersion", Long.toString(version));
        return object;
    }

    private WatchCache.State state() {
        TestProbe<WatchCache.State> reply = testKit.createTestProbe();
        cache.tell(new WatchCache.GetState(reply.ref()));
        return reply.receiveMessage();
    }

    private List<String> list(long minVersion) {
        TestProbe<WatchCache.ListResult> reply = testKit.createTestProbe();
        cache.tell(new WatchCache.ListObjects(CONFIG_MAPS, minVersion, 0, null, reply.ref()));
        return reply.receiveMessage(Duration.ofSeconds(5)).items().stream().map(CachedObject::name).toList();
    }

    @Test
    void aCacheDroppedByTheSequencerFindsOutAtItsNextRenewalAndLoadsAgain() {
        var feed = answerSubscribe(1, 0);
        feed.tell(new SequencerProtocol.Batch(1, 0, 1, List.of(configMap(1, "a"))));
        assertThat(list(1)).containsExactly("a");
        answerSubscribe(1, 1); // a renewal that finds nothing missing
        assertThat(state().phase()).isEqualTo("READY");

        // Versions 2 and 3 were sent while the sequencer had dropped this cache: nothing came.
        stored.set(List.of(CachedObject.of("ConfigMap", "ns/a", configMapObject(1, "a")),
                CachedObject.of("ConfigMap", "ns/b", configMapObject(3, "b"))));
        answerSubscribe(1, 3);
        answerSubscribe(1, 3); // the cache subscribes anew and loads every object again
        assertThat(list(3)).containsExactly("a", "b");
        assertThat(state().watermark()).isEqualTo(3);
    }

    @Test
    void aListWaitsWhileTheCacheIsBehindAndIsServedOnceItCatchesUp() {
        var feed = answerSubscribe(1, 0);
        TestProbe<WatchCache.ListResult> reply = testKit.createTestProbe();
        cache.tell(new WatchCache.ListObjects(CONFIG_MAPS, 2, 0, null, reply.ref()));
        feed.tell(new SequencerProtocol.Batch(1, 0, 1, List.of(configMap(1, "a"))));
        reply.expectNoMessage(Duration.ofMillis(200));
        assertThat(state().parkedRequests()).isEqualTo(1);
        feed.tell(new SequencerProtocol.Batch(1, 1, 2, List.of(configMap(2, "b"))));
        assertThat(reply.receiveMessage().items()).extracting(CachedObject::name).containsExactly("a", "b");
    }

    @Test
    void aCacheFollowsTheSequencerIntoItsNextEpoch() {
        var feed = answerSubscribe(1, 0);
        feed.tell(new SequencerProtocol.Batch(1, 0, 1, List.of(configMap(1, "a"))));
        assertThat(list(1)).containsExactly("a");
        // A new incarnation (on another master) answers the renewal: its epoch starts after version 10000.
        stored.set(List.of(CachedObject.of("ConfigMap", "ns/a", configMapObject(1, "a"))));
        answerSubscribe(10001, 10000);
        answerSubscribe(10001, 10000);
        assertThat(list(10000)).containsExactly("a");
        assertThat(state().epoch()).isEqualTo(10001);
    }

    @Test
    void aWatchWhoseClientIsGoneDoesNotStopTheCache() {
        var feed = answerSubscribe(1, 0);
        feed.tell(new SequencerProtocol.Batch(1, 0, 1, List.of(configMap(1, "a"))));
        assertThat(list(1)).containsExactly("a");
        // A client that went away: its stream is cancelled, so its queue is done before the cache knows.
        var gone = org.apache.pekko.stream.javadsl.Source.<WatchEvent>queue(4)
                .toMat(org.apache.pekko.stream.javadsl.Sink.cancelled(), org.apache.pekko.stream.javadsl.Keep.left())
                .run(testKit.system());
        cache.tell(new WatchCache.Watch(CONFIG_MAPS, 1, false, gone));

        feed.tell(new SequencerProtocol.Batch(1, 1, 2, List.of(configMap(2, "b"))));
        feed.tell(new SequencerProtocol.Batch(1, 2, 3, List.of(configMap(3, "c"))));

        assertThat(list(3)).containsExactly("a", "b", "c");
    }
}
