package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.version.Change;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.CborSerializable;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.status.ApiStatus;
import io.coxswain.protocol.status.ClientErrors;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API object — any kind — as an event-sourced actor: the source of truth for that object.
 * Commands are planned by {@link ObjectWrites}; an accepted write gets its resourceVersion from the
 * sequencer, is persisted as the whole new object, and is then committed to the sequencer, which
 * hands it on to every master's watch cache in version order.
 *
 * <p>One write is in flight at a time: while a version is being fetched and persisted, further
 * commands are stashed, so each write is planned against the state the previous one left.
 */
public final class ApiObjectEntity
        extends EventSourcedBehaviorWithEnforcedReplies<ObjectCommand, ApiObjectEntity.Event,
        ApiObjectEntity.State> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiObjectEntity.class);

    // ---- commands -------------------------------------------------------------------------
    // Get, Write and Reannounce come from any member (protocol's ObjectCommand); these two are
    // the entity's own, sent to itself when the sequencer answers.

    private record VersionGranted(long epoch, long resourceVersion, Planned planned) implements ObjectCommand {}

    private record VersionDenied(String reason, Planned planned) implements ObjectCommand {}

    /** A planned write waiting for its version (local only: never leaves this actor). */
    private record Planned(WritePlan plan, ActorRef<ObjectReply> replyTo, boolean restamp) {}

    // ---- events and state -----------------------------------------------------------------

    public sealed interface Event extends CborSerializable {}

    /** The object as stored after a write; the whole object, so recovery needs no merging. */
    public record Stored(String objectJson) implements Event {}

    /** The object was deleted; {@code lastStateJson} carries the version of the deletion. */
    public record Removed(String lastStateJson) implements Event {}

    public static final class State implements CborSerializable {
        private final String objectJson;
        private final String lastRemovedJson;
        @JsonIgnore
        private ObjectNode parsed;

        @JsonCreator
        public State(@JsonProperty("objectJson") String objectJson,
                     @JsonProperty("lastRemovedJson") String lastRemovedJson) {
            this.objectJson = objectJson;
            this.lastRemovedJson = lastRemovedJson;
        }

        @JsonProperty("objectJson")
        public String objectJson() {
            return objectJson;
        }

        @JsonProperty("lastRemovedJson")
        public String lastRemovedJson() {
            return lastRemovedJson;
        }

        /** The object, or null when it does not exist. Shared: callers copy before changing it. */
        @JsonIgnore
        public ObjectNode object() {
            if (parsed == null && objectJson != null) {
                parsed = Json.parseObject(objectJson);
            }
            return parsed;
        }

        @JsonIgnore
        long version() {
            if (objectJson != null) {
                return parseVersion(Json.text(object(), "metadata.resourceVersion"));
            }
            return lastRemovedJson == null ? 0
                    : parseVersion(Json.text(Json.parseObject(lastRemovedJson), "metadata.resourceVersion"));
        }
    }

    // ---- sharding -------------------------------------------------------------------------

    public static EntityTypeKey<ObjectCommand> typeKey(ResourceType type) {
        return typeKey(type.entityTypeName());
    }

    public static EntityTypeKey<ObjectCommand> typeKey(String entityTypeName) {
        return EntityTypeKey.create(ObjectCommand.class, entityTypeName);
    }

    /** The entity id of an object: "namespace/name", or "name" for cluster-scoped kinds. */
    public static String entityId(ResourceType type, String namespace, String name) {
        return type.namespaced() ? namespace + "/" + name : name;
    }

    public static Behavior<ObjectCommand> create(ResourceType type, String entityId,
                                           ActorRef<SequencerProtocol.Command> sequencer, Settings settings) {
        return create(type, entityId, sequencer, settings, new ObjectWrites(type));
    }

    /** With another planner: tests use one that fails as a bug would. */
    static Behavior<ObjectCommand> create(ResourceType type, String entityId,
                                          ActorRef<SequencerProtocol.Command> sequencer, Settings settings,
                                          WritePlanner planner) {
        return Behaviors.setup(context -> new ApiObjectEntity(context, type, entityId, sequencer, settings, planner));
    }

    /**
     * Tunables of every entity, from {@code coxswain.entity}, and who hears of each stored change
     * (the object's controller, for the kinds that have one).
     */
    public record Settings(int snapshotEvery, Duration sequencerTimeout, Clock clock, ChangeListener listener) {
        public Settings(int snapshotEvery, Duration sequencerTimeout, Clock clock) {
            this(snapshotEvery, sequencerTimeout, clock, ChangeListener.NONE);
        }
    }

    /** Told of every change an entity stored, after it is committed to the sequencer. */
    public interface ChangeListener {
        ChangeListener NONE = (type, entityId, version) -> { };

        void changed(ResourceType type, String entityId, long version);
    }

    // ---- behaviour ------------------------------------------------------------------------

    private final ActorContext<ObjectCommand> context;
    private final ResourceType type;
    private final String entityId;
    private final String namespace;
    private final String name;
    private final ActorRef<SequencerProtocol.Command> sequencer;
    private final Settings settings;
    private final WritePlanner writes;
    /** Not state: a write waits for its version only while this incarnation lives. */
    private boolean writeInFlight;

    private ApiObjectEntity(ActorContext<ObjectCommand> context, ResourceType type, String entityId,
                            ActorRef<SequencerProtocol.Command> sequencer, Settings settings, WritePlanner writes) {
        super(PersistenceId.of(type.entityTypeName(), entityId));
        this.context = context;
        this.type = type;
        this.entityId = entityId;
        int slash = entityId.indexOf('/');
        this.namespace = slash < 0 ? "" : entityId.substring(0, slash);
        this.name = slash < 0 ? entityId : entityId.substring(slash + 1);
        this.sequencer = sequencer;
        this.settings = settings;
        this.writes = writes;
    }

    @Override
    public State emptyState() {
        return new State(null, null);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public CommandHandlerWithReply<ObjectCommand, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(ObjectCommand.Get.class, this::onGet)
                .onCommand(ObjectCommand.Write.class, this::onWrite)
                .onCommand(ObjectCommand.Reannounce.class, this::onReannounce)
                .onCommand(VersionGranted.class, this::onVersionGranted)
                .onCommand(VersionDenied.class, this::onVersionDenied)
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Stored.class, (state, stored) -> new State(stored.objectJson(), null))
                .onEvent(Removed.class, (state, removed) -> new State(null, removed.lastStateJson()))
                .build();
    }

    private ReplyEffect<Event, State> onGet(State state, ObjectCommand.Get get) {
        if (writeInFlight) {
            return Effect().stash();
        }
        if (state.object() == null) {
            return Effect().reply(get.replyTo(), ObjectReply.of(ApiStatus.notFound(type, name)));
        }
        return Effect().reply(get.replyTo(), new ObjectReply(200, state.objectJson(), state.version()));
    }

    private ReplyEffect<Event, State> onWrite(State state, ObjectCommand.Write write) {
        if (writeInFlight) {
            return Effect().stash();
        }
        WritePlan plan;
        try {
            plan = writes.plan(state.object(), namespace, name, write.request(), settings.clock().instant());
        } catch (RuntimeException e) {
            // A refusal or input that does not parse is the client's (4xx); anything else is a bug
            // in planning, answered 500 and logged with its stack trace, never passed off as bad input.
            ApiStatus status = ClientErrors.statusOf(e, type, name).orElseGet(() -> {
                LOG.error("{} {}: planning a {} failed", type.kind(), entityId, describe(write.request()), e);
                return ApiStatus.internal(e);
            });
            return Effect().reply(write.replyTo(), ObjectReply.of(status));
        }
        if (plan instanceof WritePlan.Unchanged unchanged) {
            return Effect().reply(write.replyTo(), new ObjectReply(200, Json.write(unchanged.current()), state.version()));
        }
        if (write.request().dryRun()) {
            ObjectNode preview = plan instanceof WritePlan.Store store ? store.object()
                    : ((WritePlan.Remove) plan).lastState();
            int code = plan instanceof WritePlan.Store store ? store.httpCode() : 200;
            java.util.List<String> warnings = plan instanceof WritePlan.Store store ? store.warnings()
                    : java.util.List.of();
            return Effect().reply(write.replyTo(), new ObjectReply(code, Json.write(preview), 0, warnings));
        }
        return requestVersion(new Planned(plan, write.replyTo(), false));
    }

    private ReplyEffect<Event, State> onReannounce(State state, ObjectCommand.Reannounce reannounce) {
        if (writeInFlight) {
            return Effect().stash();
        }
        sequencer.tell(new SequencerProtocol.ReannounceHeard(reannounce.resourceVersion()));
        if (state.version() != reannounce.resourceVersion()) {
            return Effect().noReply(); // a newer write has been published since, or this one never happened
        }
        WritePlan plan = state.object() != null
                ? new WritePlan.Store(state.object(), 200)
                : new WritePlan.Remove(Json.parseObject(state.lastRemovedJson()));
        context.getLog().info("{} {}: re-announcing version {} under a new version", type.kind(), entityId,
                reannounce.resourceVersion());
        return requestVersion(new Planned(plan, context.getSystem().ignoreRef(), true));
    }

    private ReplyEffect<Event, State> requestVersion(Planned planned) {
        writeInFlight = true;
        context.ask(SequencerProtocol.Allocated.class, sequencer, settings.sequencerTimeout(),
                replyTo -> new SequencerProtocol.Allocate(type.entityTypeName(), entityId, replyTo),
                (allocated, failure) -> allocated != null
                        ? new VersionGranted(allocated.epoch(), allocated.resourceVersion(), planned)
                        : new VersionDenied(String.valueOf(failure), planned));
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onVersionGranted(State state, VersionGranted granted) {
        Planned planned = granted.planned();
        long version = granted.resourceVersion();
        boolean existed = state.object() != null;
        if (planned.plan() instanceof WritePlan.Store store) {
            ObjectNode object = store.object().deepCopy();
            Json.child(object, "metadata").put("resourceVersion", Long.toString(version));
            String json = Json.write(object);
            Change change = new Change(version, type.entityTypeName(), entityId, existed ? "MODIFIED" : "ADDED", json);
            return Effect().persist(new Stored(json))
                    .thenRun(s -> committed(granted.epoch(), change))
                    .thenReply(planned.replyTo(), s -> new ObjectReply(store.httpCode(), json, version, store.warnings()))
                    .thenUnstashAll();
        }
        ObjectNode lastState = ((WritePlan.Remove) planned.plan()).lastState().deepCopy();
        Json.child(lastState, "metadata").put("resourceVersion", Long.toString(version));
        String json = Json.write(lastState);
        Change change = new Change(version, type.entityTypeName(), entityId, "DELETED", json);
        return Effect().persist(new Removed(json))
                .thenRun(s -> committed(granted.epoch(), change))
                .thenReply(planned.replyTo(), s -> new ObjectReply(200, json, version))
                .thenUnstashAll();
    }

    private void committed(long epoch, Change change) {
        writeInFlight = false;
        sequencer.tell(new SequencerProtocol.Commit(epoch, change));
        settings.listener().changed(type, entityId, change.resourceVersion());
    }

    private ReplyEffect<Event, State> onVersionDenied(State state, VersionDenied denied) {
        writeInFlight = false;
        context.getLog().warn("{} {}: no resource version ({}); the write is refused", type.kind(), entityId,
                denied.reason());
        return Effect().reply(denied.planned().replyTo(), ObjectReply.of(ApiStatus.unavailable(
                "the resource version sequencer is not reachable; retry"))).thenUnstashAll();
    }

    /** The request as a log line may show it: what was asked, not the body (it may hold secrets). */
    private static String describe(WriteRequest request) {
        StringBuilder text = new StringBuilder(request.verb().name().toLowerCase(java.util.Locale.ROOT));
        if (request.subresource() != null && !request.subresource().isEmpty()) {
            text.append(" of ").append(request.subresource());
        }
        if (request.patchType() != null && !request.patchType().isEmpty()) {
            text.append(" (").append(request.patchType()).append(" patch)");
        }
        return text.toString();
    }

    static long parseVersion(String text) {
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The kind an entity type key names; every key is created from a {@link ResourceType}. */
    public static ResourceType resourceTypeOf(String entityTypeName) {
        return ResourceTypes.byEntityTypeName(entityTypeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown entity type " + entityTypeName));
    }
}
