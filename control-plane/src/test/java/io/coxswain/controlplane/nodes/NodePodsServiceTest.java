package io.coxswain.controlplane.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.protocol.entity.NodePods;
import io.coxswain.protocol.json.Json;
import io.coxswain.controlplane.cache.WatchCache;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodePodsServiceTest {
    /** One per test: each test's service is the only one registered with its receptionist. */
    private ActorTestKit testKit;

    @BeforeEach
    void startTestKit() {
        testKit = ActorTestKit.create();
    }

    @AfterEach
    void stopTestKit() {
        testKit.shutdownTestKit();
    }

    private static CachedObject pod(String name, String node, long version) {
        return CachedObject.of("Pod", "default/" + name, Json.parseObject("{\"metadata\":{\"namespace\":\"default\","
                + "\"name\":\"" + name + "\",\"resourceVersion\":\"" + version + "\"},\"spec\":{\"nodeName\":\""
                + node + "\"}}"));
    }

    private static final List<CachedObject> PODS = List.of(pod("a", "n1", 7), pod("b", "n2", 3), pod("c", "other", 9),
            pod("d", "n1", 5), pod("e", "", 8));

    @Test
    void namesEveryPodOfTheNodesAskedForAndSendsOnlyThoseChanged() {
        NodePods.Bound all = NodePodsService.answer(List.of("n1", "n2", "n3"), 0, PODS, 10, 1 << 20);
        assertThat(all.keysByNode()).containsOnlyKeys("n1", "n2", "n3");
        assertThat(all.keysByNode().get("n1")).containsExactly("default/a", "default/d");
        assertThat(all.keysByNode().get("n3")).isEmpty();
        assertThat(all.changedPods()).as("oldest change first").extracting(j -> Json.parseObject(j)
                .at("/metadata/name").asText()).containsExactly("b", "d", "a");
        assertThat(all.asOfVersion()).isEqualTo(10);
        assertThat(all.complete()).isTrue();

        NodePods.Bound since = NodePodsService.answer(List.of("n1", "n2"), 5, PODS, 10, 1 << 20);
        assertThat(since.changedPods()).hasSize(1);
        assertThat(since.keysByNode().get("n1")).containsExactly("default/a", "default/d");

        NodePods.Bound idle = NodePodsService.answer(List.of("n1", "n2"), 10, PODS, 10, 1 << 20);
        assertThat(idle.changedPods()).isEmpty();
        assertThat(idle.asOfVersion()).isEqualTo(10);
    }

    @Test
    void aLongAnswerIsCutAfterTheBudgetAndSaysWhereItStopped() {
        int onePod = Json.write(PODS.get(0).object()).length();
        NodePods.Bound cut = NodePodsService.answer(List.of("n1", "n2"), 0, PODS, 10, onePod + onePod / 2);
        assertThat(cut.complete()).isFalse();
        assertThat(cut.changedPods()).hasSize(1);
        assertThat(cut.asOfVersion()).as("version of the last pod sent").isEqualTo(3);

        NodePods.Bound tiny = NodePodsService.answer(List.of("n1", "n2"), 3, PODS, 10, 1);
        assertThat(tiny.changedPods()).as("at least one, so every answer moves on").hasSize(1);
        assertThat(tiny.asOfVersion()).isEqualTo(5);
    }

    // ---- the long poll, with a probe playing this master's watch cache

    /** A service over a probe cache; what it registered with the receptionist; the observer it gave the cache. */
    private record Service(TestProbe<WatchCache.Command> cache, ActorRef<NodePods.Request> ref,
                           ActorRef<WatchCache.Observation> observer) {}

    private Service service() {
        TestProbe<WatchCache.Command> cache = testKit.createTestProbe();
        testKit.spawn(NodePodsService.create(cache.ref(), Duration.ofSeconds(5), Duration.ofMillis(20)));
        ActorRef<WatchCache.Observation> observer = cache.expectMessageClass(WatchCache.Observe.class).observer();
        TestProbe<Receptionist.Listing> listing = testKit.createTestProbe();
        ActorRef<NodePods.Request> ref = listing.awaitAssert(() -> {
            testKit.system().receptionist().tell(Receptionist.find(NodePods.SERVICE_KEY, listing.ref()));
            var found = listing.receiveMessage().getServiceInstances(NodePods.SERVICE_KEY);
            assertThat(found).isNotEmpty();
            return found.iterator().next();
        });
        return new Service(cache, ref, observer);
    }

    /** Answers the service's next list of the cache with {@code pods}, as of {@code watermark}. */
    private void answerList(Service service, List<CachedObject> pods, long watermark) {
        WatchCache.ListObjects list = service.cache().expectMessageClass(WatchCache.ListObjects.class);
        list.replyTo().tell(new WatchCache.ListResult(pods, watermark, null, 0));
    }

    private static List<String> names(NodePods.Bound bound) {
        return bound.changedPods().stream().map(j -> Json.parseObject(j).at("/metadata/name").asText()).toList();
    }

    @Test
    void aRequestWithNothingNewIsHeldUntilAPodOfItsNodesChanges() {
        Service service = service();
        TestProbe<NodePods.Bound> agent = testKit.createTestProbe();
        service.ref().tell(new NodePods.ListBound(List.of("n1", "n2"), 10, 10_000, agent.ref()));
        answerList(service, PODS, 10);
        agent.expectNoMessage(Duration.ofMillis(300));

        // A pod of another node changes: still nothing for this agent.
        CachedObject elsewhere = pod("c", "other", 11);
        service.observer().tell(new WatchCache.Changed(11, PODS.get(2), elsewhere, false));
        service.cache().expectNoMessage(Duration.ofMillis(200));
        agent.expectNoMessage(Duration.ofMillis(100));

        // A pod bound to n2 changes: the service lists anew and answers with it.
        CachedObject changed = pod("b", "n2", 12);
        service.observer().tell(new WatchCache.Changed(12, PODS.get(1), changed, false));
        answerList(service, List.of(PODS.get(0), changed, elsewhere, PODS.get(3), PODS.get(4)), 12);
        NodePods.Bound bound = agent.receiveMessage(Duration.ofSeconds(2));
        assertThat(names(bound)).containsExactly("b");
        assertThat(bound.asOfVersion()).isEqualTo(12);
    }

    @Test
    void aHeldRequestIsAnsweredWhenItsWaitIsOverAndAnAgentThatDoesNotWaitIsAnsweredAtOnce() {
        Service service = service();
        TestProbe<NodePods.Bound> agent = testKit.createTestProbe();
        service.ref().tell(new NodePods.ListBound(List.of("n1"), 10, 400, agent.ref()));
        answerList(service, PODS, 10);
        agent.expectNoMessage(Duration.ofMillis(250));
        NodePods.Bound idle = agent.receiveMessage(Duration.ofSeconds(2));
        assertThat(idle.changedPods()).isEmpty();
        assertThat(idle.keysByNode().get("n1")).containsExactly("default/a", "default/d");

        service.ref().tell(new NodePods.ListBound(List.of("n1"), 10, 0, agent.ref()));
        answerList(service, PODS, 10);
        assertThat(agent.receiveMessage(Duration.ofSeconds(1)).changedPods()).isEmpty();
    }

    @Test
    void aChangeBetweenTheListAndTheHoldIsNotMissed() {
        Service service = service();
        TestProbe<NodePods.Bound> agent = testKit.createTestProbe();
        service.ref().tell(new NodePods.ListBound(List.of("n1"), 10, 10_000, agent.ref()));
        WatchCache.ListObjects first = service.cache().expectMessageClass(WatchCache.ListObjects.class);
        // The cache applies a change to n1's pod a before the list's answer (as of 10) reaches the service.
        CachedObject changed = pod("a", "n1", 11);
        service.observer().tell(new WatchCache.Changed(11, PODS.get(0), changed, false));
        first.replyTo().tell(new WatchCache.ListResult(PODS, 10, null, 0));
        answerList(service, List.of(changed, PODS.get(1), PODS.get(3)), 11);
        assertThat(names(agent.receiveMessage(Duration.ofSeconds(2)))).containsExactly("a");
    }

    @Test
    void aPodDeletedOrMovedAwayWakesTheNodeItWasBoundTo() {
        Service service = service();
        TestProbe<NodePods.Bound> agent = testKit.createTestProbe();
        service.ref().tell(new NodePods.ListBound(List.of("n1"), 10, 10_000, agent.ref()));
        answerList(service, PODS, 10);
        agent.expectNoMessage(Duration.ofMillis(200));
        service.observer().tell(new WatchCache.Changed(11, PODS.get(3), PODS.get(3), true));
        answerList(service, List.of(PODS.get(0)), 11);
        NodePods.Bound bound = agent.receiveMessage(Duration.ofSeconds(2));
        assertThat(bound.keysByNode().get("n1")).containsExactly("default/a");
        assertThat(bound.changedPods()).isEmpty();
    }
}
