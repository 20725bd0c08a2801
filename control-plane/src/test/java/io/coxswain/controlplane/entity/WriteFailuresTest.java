package io.coxswain.controlplane.entity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.SelectorParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an entity answers when a write cannot be planned: the client's mistakes with their 4xx and
 * no log line; a bug of ours (here a planner that throws what a bug throws) with 500 and a log line
 * carrying the stack trace — never a 4xx that blames the client and leaves no trace.
 */
class WriteFailuresTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(com.typesafe.config.ConfigFactory.load()));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1\"}]}}";

    private final AtomicLong nextVersion = new AtomicLong(1);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger entityLog = (Logger) LoggerFactory.getLogger(ApiObjectEntity.class);

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @BeforeEach
    void listen() {
        logged.start();
        entityLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        entityLog.detachAppender(logged);
    }

    private EventSourcedBehaviorTestKit<ObjectCommand, ApiObjectEntity.Event, ApiObjectEntity.State> entity(
            WritePlanner planner) {
        ActorRef<SequencerProtocol.Command> sequencer = TEST_KIT.spawn(Behaviors.receiveMessage(command -> {
            if (command instanceof SequencerProtocol.Allocate allocate) {
                allocate.replyTo().tell(new SequencerProtocol.Allocated(1, nextVersion.getAndIncrement()));
            }
            return Behaviors.same();
        }));
        var kit = EventSourcedBehaviorTestKit.<ObjectCommand, ApiObjectEntity.Event, ApiObjectEntity.State>create(
                TEST_KIT.system(), ApiObjectEntity.create(ResourceTypes.POD, "default/web", sequencer,
                        new ApiObjectEntity.Settings(20, Duration.ofSeconds(3), CLOCK), planner));
        kit.clear();
        return kit;
    }

    private static ObjectReply write(EventSourcedBehaviorTestKit<ObjectCommand, ApiObjectEntity.Event,
            ApiObjectEntity.State> kit, WriteRequest request) {
        return kit.<ObjectReply>runCommand(replyTo -> new ObjectCommand.Write(request, replyTo)).reply();
    }

    @Test
    void aBugInPlanningIsAnInternalErrorWithItsStackTraceLogged() {
        var kit = entity((current, namespace, name, request, now) -> {
            throw new IllegalArgumentException("a planner bug");
        });

        ObjectReply reply = write(kit, WriteRequest.patch("", "merge", "{}", "", false, false));

        assertThat(reply.code()).isEqualTo(500);
        assertThat(Json.text(Json.parseObject(reply.body()), "reason")).isEqualTo("InternalError");
        assertThat(Json.text(Json.parseObject(reply.body()), "message"))
                .isEqualTo("Internal error occurred: a planner bug");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("Pod default/web: planning a patch (merge patch) failed");
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        });
    }

    @Test
    void aNumberFormatExceptionIsABugToo() {
        var kit = entity((current, namespace, name, request, now) -> Long.parseLong("not a number") > 0 ? null : null);

        ObjectReply reply = write(kit, WriteRequest.create(POD, false));

        assertThat(reply.code()).isEqualTo(500);
        assertThat(logged.list).hasSize(1);
    }

    @Test
    void aSelectorThatDoesNotParseIsTheClientsMistake() {
        var kit = entity((current, namespace, name, request, now) -> {
            throw new SelectorParseException("unable to parse requirement: found '(', expected: identifier");
        });

        ObjectReply reply = write(kit, WriteRequest.create(POD, false));

        assertThat(reply.code()).isEqualTo(400);
        assertThat(Json.text(Json.parseObject(reply.body()), "reason")).isEqualTo("BadRequest");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void badInputThroughTheRealPlannerIsRefusedWithA4xxAndNoLogLine() {
        var kit = entity(new ObjectWrites(ResourceTypes.POD));
        assertThat(write(kit, WriteRequest.create(POD, false)).code()).isEqualTo(201);

        // A JSON patch that is not a list of operations: malformed, 400.
        ObjectReply malformed = write(kit, WriteRequest.patch("", "json", "{\"op\":\"add\"}", "", false, false));
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(Json.text(Json.parseObject(malformed.body()), "reason")).isEqualTo("BadRequest");
        // A well-formed one whose test fails: it does not fit the object, 422 naming it.
        ObjectReply notApplicable = write(kit, WriteRequest.patch("", "json",
                "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]", "", false, false));
        assertThat(notApplicable.code()).isEqualTo(422);
        assertThat(Json.text(Json.parseObject(notApplicable.body()), "reason")).isEqualTo("Invalid");
        assertThat(Json.text(Json.parseObject(notApplicable.body()), "details.name")).isEqualTo("web");
        // A body that is not JSON at all.
        assertThat(write(kit, WriteRequest.replace("", "{not json", false)).code()).isEqualTo(400);
        // A stale resourceVersion: refused on purpose.
        assertThat(write(kit, WriteRequest.replace("", POD.replace("\"name\":\"web\"",
                "\"name\":\"web\",\"resourceVersion\":\"99\""), false)).code()).isEqualTo(409);

        assertThat(logged.list).isEmpty();
    }
}
