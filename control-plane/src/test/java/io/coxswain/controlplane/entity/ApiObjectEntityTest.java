package io.coxswain.controlplane.entity;

import io.coxswain.protocol.entity.WriteRequest;

import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One object's entity, with the in-memory journal and a sequencer that counts up. */
class ApiObjectEntityTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(com.typesafe.config.ConfigFactory.load()));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final AtomicLong nextVersion = new AtomicLong(1);
    private final TestProbe<SequencerProtocol.Command> commits = TEST_KIT.createTestProbe();
    private EventSourcedBehaviorTestKit<ObjectCommand, ApiObjectEntity.Event, ApiObjectEntity.State> kit;

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        ActorRef<SequencerProtocol.Command> sequencer = TEST_KIT.spawn(countingSequencer());
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), ApiObjectEntity.create(ResourceTypes.POD,
                "default/web", sequencer, new ApiObjectEntity.Settings(20, Duration.ofSeconds(3), CLOCK)));
        kit.clear();
    }

    private Behavior<SequencerProtocol.Command> countingSequencer() {
        return Behaviors.receiveMessage(command -> {
            if (command instanceof SequencerProtocol.Allocate allocate) {
                allocate.replyTo().tell(new SequencerProtocol.Allocated(1, nextVersion.getAndIncrement()));
            } else {
                commits.ref().tell(command);
            }
            return Behaviors.same();
        });
    }

    private static String pod(String image) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + image + "\"}]}}";
    }

    private ObjectReply write(WriteRequest request) {
        return kit.<ObjectReply>runCommand(replyTo -> new ObjectCommand.Write(request, replyTo)).reply();
    }

    private ObjectReply create(String body) {
        return write(WriteRequest.create(body, false));
    }

    @Test
    void createStampsVersionUidGenerationAndDefaults() {
        var result = kit.<ObjectReply>runCommand(replyTo ->
                new ObjectCommand.Write(WriteRequest.create(pod("busybox:1"), false), replyTo));
        assertThat(result.reply().code()).isEqualTo(201);
        ObjectNode stored = Json.parseObject(result.reply().body());
        assertThat(Json.text(stored, "metadata.resourceVersion")).isEqualTo("1");
        assertThat(Json.text(stored, "metadata.uid")).isNotEmpty();
        assertThat(Json.text(stored, "metadata.generation")).isEqualTo("1");
        assertThat(Json.text(stored, "metadata.creationTimestamp")).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(Json.text(stored, "spec.restartPolicy")).isEqualTo("Always");
        assertThat(Json.text(stored, "status.phase")).isEqualTo("Pending");
        assertThat(result.events()).hasSize(1).first().isInstanceOf(ApiObjectEntity.Stored.class);
        SequencerProtocol.Commit commit = commits.expectMessageClass(SequencerProtocol.Commit.class);
        assertThat(commit.change().type()).isEqualTo("ADDED");
        assertThat(commit.change().resourceVersion()).isEqualTo(1);
    }

    @Test
    void strictFieldValidationRefusesUnknownFields() {
        String typo = pod("busybox:1").replace("\"image\"", "\"imagePullPolice\":\"Always\",\"image\"");
        var result = kit.<ObjectReply>runCommand(replyTo -> new ObjectCommand.Write(
                WriteRequest.create(typo, false).withFieldValidation("Strict"), replyTo));
        assertThat(result.reply().code()).isEqualTo(400);
        assertThat(result.reply().body())
                .contains("strict decoding error: unknown field \\\"spec.containers[0].imagePullPolice\\\"");
        assertThat(result.hasNoEvents()).isTrue();
    }

    @Test
    void warnFieldValidationDropsUnknownFieldsWithAWarning() {
        String typo = pod("busybox:1").replace("\"spec\":{", "\"spec\":{\"replicaz\":3,");
        ObjectReply reply = write(WriteRequest.create(typo, false).withFieldValidation("Warn"));
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.warnings()).containsExactly("unknown field \"spec.replicaz\"");
        assertThat(reply.body()).doesNotContain("replicaz");
    }

    @Test
    void createOfAPodAskingForWhatIsNotSupportedIsWarned() {
        String grpc = pod("busybox:1").replace("\"image\":\"busybox:1\"",
                "\"image\":\"busybox:1\",\"livenessProbe\":{\"grpc\":{\"port\":9090}}");
        ObjectReply created = create(grpc);
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.warnings()).containsExactly("spec.containers[0].livenessProbe.grpc: gRPC probes are not "
                + "supported by this cluster's node agents; the probe is ignored");
        // Stored as asked, with Kubernetes' probe defaults (kubectl describe needs grpc.service):
        // the probe is Kubernetes', only this cluster does not run it.
        assertThat(created.body()).contains("\"grpc\":{\"port\":9090,\"service\":\"\"}")
                .contains("\"periodSeconds\":10").contains("\"failureThreshold\":3");
        // As kube-apiserver, which does not warn about pods on update.
        ObjectReply relabelled = write(WriteRequest.patch("", "merge", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}",
                "", false, false));
        assertThat(relabelled.warnings()).isEmpty();
    }

    @Test
    void createOfAnExistingObjectIsAlreadyExists() {
        create(pod("busybox:1"));
        var again = kit.<ObjectReply>runCommand(replyTo ->
                new ObjectCommand.Write(WriteRequest.create(pod("busybox:1"), false), replyTo));
        assertThat(again.reply().code()).isEqualTo(409);
        assertThat(again.reply().body()).contains("\"reason\":\"AlreadyExists\"");
        assertThat(again.hasNoEvents()).isTrue();
    }

    @Test
    void invalidObjectIsRefusedWithFieldPathsAndNothingStored() {
        String noImage = "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"containers\":[{\"name\":\"main\"}]}}";
        var result = kit.<ObjectReply>runCommand(replyTo ->
                new ObjectCommand.Write(WriteRequest.create(noImage, false), replyTo));
        assertThat(result.reply().code()).isEqualTo(422);
        assertThat(result.reply().body()).contains("spec.containers[0].image: Required value");
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply().code()).isEqualTo(404);
    }

    @Test
    void updateNamingAStaleVersionIsAConflict() {
        create(pod("busybox:1"));
        ObjectNode stale = Json.parseObject(pod("busybox:2"));
        ((ObjectNode) stale.get("metadata")).put("resourceVersion", "999");
        ObjectReply reply = write(WriteRequest.replace("", Json.write(stale), false));
        assertThat(reply.code()).isEqualTo(409);
        assertThat(reply.body()).contains("the object has been modified");
    }

    @Test
    void specChangeBumpsGenerationButALabelChangeDoesNot() {
        create(pod("busybox:1"));
        ObjectReply relabelled = write(WriteRequest.patch("", "merge",
                "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}", "", false, false));
        assertThat(relabelled.code()).isEqualTo(200);
        ObjectNode afterLabel = Json.parseObject(relabelled.body());
        assertThat(Json.text(afterLabel, "metadata.generation")).isEqualTo("1");
        assertThat(Json.text(afterLabel, "metadata.resourceVersion")).isEqualTo("2");
        ObjectReply newImage = write(WriteRequest.patch("", "strategic",
                "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:2\"}]}}", "", false, false));
        ObjectNode afterImage = Json.parseObject(newImage.body());
        assertThat(Json.text(afterImage, "metadata.generation")).isEqualTo("2");
        assertThat(afterImage.at("/spec/containers/0/image").asText()).isEqualTo("busybox:2");
    }

    @Test
    void noOpUpdateKeepsTheVersion() {
        create(pod("busybox:1"));
        var result = kit.<ObjectReply>runCommand(replyTo -> new ObjectCommand.Write(
                WriteRequest.patch("", "merge", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}", "", false, false),
                replyTo));
        assertThat(result.reply().code()).isEqualTo(200);
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(Json.text(Json.parseObject(result.reply().body()), "metadata.resourceVersion")).isEqualTo("1");
    }

    @Test
    void deleteRemovesTheObjectAndPublishesDeleted() {
        create(pod("busybox:1"));
        var deleted = kit.<ObjectReply>runCommand(replyTo ->
                new ObjectCommand.Write(WriteRequest.delete("", false), replyTo));
        assertThat(deleted.reply().code()).isEqualTo(200);
        assertThat(deleted.events()).singleElement().isInstanceOf(ApiObjectEntity.Removed.class);
        assertThat(kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply().code()).isEqualTo(404);
        commits.expectMessageClass(SequencerProtocol.Commit.class);
        SequencerProtocol.Commit last = commits.expectMessageClass(SequencerProtocol.Commit.class);
        assertThat(last.change().type()).isEqualTo("DELETED");
        assertThat(last.change().resourceVersion()).isEqualTo(2);
    }

    @Test
    void finalizersHoldADeleteUntilTheyAreRemoved() {
        ObjectNode withFinalizer = Json.parseObject(pod("busybox:1"));
        ((ObjectNode) withFinalizer.get("metadata")).putArray("finalizers").add("example.com/hold");
        create(Json.write(withFinalizer));
        ObjectReply deleting = write(WriteRequest.delete("", false));
        assertThat(Json.text(Json.parseObject(deleting.body()), "metadata.deletionTimestamp")).isNotEmpty();
        assertThat(kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply().code()).isEqualTo(200);
        write(WriteRequest.patch("", "merge", "{\"metadata\":{\"finalizers\":null}}", "", false, false));
        assertThat(kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply().code()).isEqualTo(404);
    }

    @Test
    void restartRecoversTheLatestState() {
        create(pod("busybox:1"));
        write(WriteRequest.patch("", "merge", "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}", "", false, false));
        kit.restart();
        ObjectReply reply = kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply();
        ObjectNode recovered = Json.parseObject(reply.body());
        assertThat(Json.text(recovered, "metadata.labels.tier")).isEqualTo("fe");
        assertThat(Json.text(recovered, "metadata.resourceVersion")).isEqualTo("2");
        assertThat(reply.resourceVersion()).isEqualTo(2);
    }

    @Test
    void reannounceStampsAnUnpublishedWriteAnew() {
        create(pod("busybox:1"));
        commits.expectMessageClass(SequencerProtocol.Commit.class);
        kit.runCommand(new ObjectCommand.Reannounce(1));
        assertThat(commits.expectMessageClass(SequencerProtocol.ReannounceHeard.class).resourceVersion())
                .as("the sequencer stops asking").isEqualTo(1);
        ObjectReply reply = kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply();
        assertThat(reply.resourceVersion()).isEqualTo(2);
        SequencerProtocol.Commit restamped = commits.expectMessageClass(SequencerProtocol.Commit.class);
        assertThat(restamped.change().resourceVersion()).isEqualTo(2);
        assertThat(restamped.change().type()).isEqualTo("MODIFIED");
    }

    @Test
    void reannounceOfAnOlderVersionChangesNothing() {
        create(pod("busybox:1"));
        write(WriteRequest.patch("", "merge", "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}", "", false, false));
        commits.receiveSeveralMessages(2);
        var result = kit.runCommand(new ObjectCommand.Reannounce(1));
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(commits.expectMessageClass(SequencerProtocol.ReannounceHeard.class).resourceVersion())
                .as("heard, though there was nothing to do").isEqualTo(1);
        assertThat(kit.<ObjectReply>runCommand(ObjectCommand.Get::new).reply().resourceVersion())
                .isEqualTo(2);
        commits.expectNoMessage(Duration.ofMillis(200));
    }
}
