package io.coxswain.controlplane.entity;

import io.coxswain.protocol.entity.WriteRequest;

import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The entity of every kind the API serves: created with its server defaults, and recovered after a restart. */
class EveryKindEntityTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(com.typesafe.config.ConfigFactory.load()));
    private static final AtomicLong VERSIONS = new AtomicLong(1);
    private static final ActorRef<SequencerProtocol.Command> SEQUENCER = TEST_KIT.spawn(Behaviors.receiveMessage(c -> {
        if (c instanceof SequencerProtocol.Allocate allocate) {
            allocate.replyTo().tell(new SequencerProtocol.Allocated(1, VERSIONS.getAndIncrement()));
        }
        return Behaviors.same();
    }));

    /** A minimal valid object of each kind, and one server default each kind must get. */
    private static final Map<String, String[]> EXAMPLES = Map.ofEntries(
            Map.entry("Pod", new String[] {"{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}",
                    "spec.restartPolicy", "Always"}),
            Map.entry("Node", new String[] {"{}", "metadata.name", "x"}),
            Map.entry("Namespace", new String[] {"{}", "status.phase", "Active"}),
            Map.entry("Service", new String[] {"{\"spec\":{\"ports\":[{\"port\":80}]}}", "spec.type", "ClusterIP"}),
            Map.entry("Endpoints", new String[] {"{}", "metadata.name", "x"}),
            Map.entry("ReplicationController", new String[] {"{\"spec\":{\"template\":{\"metadata\":{\"labels\":"
                    + "{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}}}",
                    "spec.replicas", "1"}),
            Map.entry("ConfigMap", new String[] {"{\"data\":{\"k\":\"v\"}}", "data.k", "v"}),
            Map.entry("Secret", new String[] {"{\"stringData\":{\"k\":\"v\"}}", "type", "Opaque"}),
            Map.entry("Event", new String[] {"{\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\"},\"reason\":\"R\"}",
                    "reason", "R"}),
            Map.entry("Deployment", new String[] {workload(), "spec.strategy.type", "RollingUpdate"}),
            Map.entry("ReplicaSet", new String[] {workload(), "spec.replicas", "1"}),
            Map.entry("StatefulSet", new String[] {workload(), "spec.updateStrategy.type", "RollingUpdate"}),
            Map.entry("DaemonSet", new String[] {workload(), "spec.updateStrategy.type", "RollingUpdate"}),
            Map.entry("HorizontalPodAutoscaler", new String[] {"{\"spec\":{\"scaleTargetRef\":{\"apiVersion\":"
                    + "\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"d\"},\"maxReplicas\":3}}", "spec.minReplicas", "1"}));

    private static String workload() {
        return "{\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":"
                + "{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i:1\"}]}}}}";
    }

    static java.util.List<ResourceType> kinds() {
        return ResourceTypes.ALL_TYPES;
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void createdWithDefaultsAndRecoveredAfterRestart(ResourceType type) {
        String[] example = EXAMPLES.get(type.kind());
        assertThat(example).as("an example for every kind").isNotNull();
        String id = type.namespaced() ? "default/x" : "x";
        var kit = EventSourcedBehaviorTestKit.<ObjectCommand, ApiObjectEntity.Event, ApiObjectEntity.State>
                create(TEST_KIT.system(), ApiObjectEntity.create(type, id, SEQUENCER,
                new ApiObjectEntity.Settings(20, Duration.ofSeconds(3), Clock.systemUTC())));
        kit.clear();
        var object = Json.parseObject(example[0]);
        object.putObject("metadata").put("name", "x");
        String body = Json.write(object);
        var created = kit.<ObjectReply>runCommand(replyTo -> new ObjectCommand.Write(
                WriteRequest.create(body, false), replyTo));
        assertThat(created.reply().code()).as(created.reply().body()).isEqualTo(201);
        assertThat(Json.text(Json.parseObject(created.reply().body()), example[1])).isEqualTo(example[2]);

        kit.restart();
        var recovered = kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply();
        assertThat(recovered.code()).isEqualTo(200);
        assertThat(Json.parseObject(recovered.body())).isEqualTo(Json.parseObject(created.reply().body()));
    }
}
