package io.coxswain.controlplane.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.version.Change;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * A master's copy of every object, fed in version order by the {@code ResourceVersionSequencer};
 * serves lists and watches, as kube-apiserver's watch cache does over etcd.
 *
 * <p>Life cycle: subscribe to the sequencer, then load every object from its entity (the source
 * of truth) while buffering the changes that arrive meanwhile, then apply the buffer — an object's
 * newer version always wins, so it does not matter whether a change is seen in both. Only then
 * are lists and watches served. When the sequencer's incarnation ends, or a batch does not
 * continue from the last one (a lost message), the cache starts over: it closes its watches, whose
 * clients resume and get 410 Gone if they are now too far behind, and relist.
 *
 * <p>The subscription is renewed every {@code resubscribeInterval}. Each answer names the
 * sequencer's epoch and watermark after every batch it sent this cache before it, so a cache that
 * was dropped by the sequencer, or whose batch was lost and no other followed, finds out within
 * one interval and starts over, instead of waiting forever for changes that never come.
 */
public final class WatchCache extends AbstractBehavior<WatchCache.Command> {

    public sealed interface Command {}

    /** Serve the objects that match, once the cache holds every change up to {@code minVersion}. */
    public record ListObjects(ObjectFilter filter, long minVersion, int limit, String continueAfter,
                        ActorRef<ListResult> replyTo) implements Command {}

    public record ListResult(List<CachedObject> items, long resourceVersion, String lastKey, long remaining) {}

    /** Answer once the cache holds every change up to {@code version}. */
    public record AwaitVersion(long version, ActorRef<Long> replyTo) implements Command {}

    /** One object by entity type and key, from the cache (null when absent). */
    public record Lookup(String entityType, String key, ActorRef<java.util.Optional<CachedObject>> replyTo)
            implements Command {}

    /**
     * Stream the changes that match to {@code queue}: from {@code fromVersion} (exclusive), or with
     * the current objects as ADDED first when {@code fromVersion} is negative.
     */
    public record Watch(ObjectFilter filter, long fromVersion, boolean bookmarks, BoundedSourceQueue<WatchEvent> queue)
            implements Command {}

    public record StopWatch(BoundedSourceQueue<WatchEvent> queue) implements Command {}

    /**
     * Tell {@code observer} every change this cache applies from now on, as it applies it (the
     * cache already holds it when the observer hears of it), and {@link Reloaded} whenever the
     * cache was loaded anew, when changes may have gone by unseen. For actors of this master that
     * react to changes (controllers' wake-ups); clients watch through {@link Watch}.
     */
    public record Observe(ActorRef<Observation> observer) implements Command {}

    public sealed interface Observation {}

    /** One applied change: {@code before} is null for a new object; {@code deleted} when it is gone. */
    public record Changed(long version, CachedObject before, CachedObject after, boolean deleted)
            implements Observation {}

    /** The cache was loaded anew up to {@code version}: whatever observers derived from changes may be stale. */
    public record Reloaded(long version) implements Observation {}

    /** Where the cache stands, for readiness checks. */
    public record GetState(ActorRef<State> replyTo) implements Command {}

    /**
     * {@code phase} is SUBSCRIBING, LOADING or READY since {@code phaseSince}; lists are served
     * only when READY, and only once {@code watermark} reaches the version they need.
     */
    public record State(String phase, Instant phaseSince, long epoch, long watermark, int objects,
                        int parkedRequests) {}

    private record Fed(SequencerProtocol.Feed feed) implements Command {}

    private record Loaded(int generation, List<CachedObject> objects) implements Command {}

    private record LoadFailed(int generation, Throwable cause) implements Command {}

    private enum Tick implements Command { SUBSCRIBE, BOOKMARK }

    private record SequencerStopped(ActorRef<SequencerProtocol.Command> sequencer) implements Command {}

    private record ObserverStopped(ActorRef<Observation> observer) implements Command {}

    /** Loads every object from its entity; see {@link EntityBootstrap}. */
    public interface Loader {
        CompletionStage<List<CachedObject>> loadAll();
    }

    public record Settings(int historySize, Duration resubscribeInterval, Duration bookmarkInterval) {}

    private record HistoryEntry(long version, String type, CachedObject before, CachedObject after) {}

    private record Watcher(ObjectFilter filter, boolean bookmarks, BoundedSourceQueue<WatchEvent> queue) {}

    private enum Phase { SUBSCRIBING, LOADING, READY }

    private final ActorRef<SequencerProtocol.Command> sequencerProxy;
    private final Loader loader;
    private final Settings settings;
    private final ActorRef<SequencerProtocol.Feed> feedAdapter;
    private final Map<String, TreeMap<String, CachedObject>> objects = new HashMap<>();
    private final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private final List<ActorRef<Observation>> observers = new ArrayList<>();
    private final TreeMap<Long, List<Command>> parked = new TreeMap<>();
    private final List<SequencerProtocol.Batch> buffered = new ArrayList<>();
    private Phase phase = Phase.SUBSCRIBING;
    private Instant phaseSince = Instant.now();
    private ActorRef<SequencerProtocol.Command> sequencer;
    private int generation;
    private long epoch = -1;
    private long watermark = -1;
    /** The version the history starts after: a watch from before it cannot be resumed. */
    private long historyStart = -1;

    public static Behavior<Command> create(ActorRef<SequencerProtocol.Command> sequencer, Loader loader,
                                           Settings settings) {
        return Behaviors.withTimers(timers -> Behaviors.setup(context -> {
            timers.startTimerWithFixedDelay(Tick.SUBSCRIBE, settings.resubscribeInterval());
            timers.startTimerWithFixedDelay(Tick.BOOKMARK, settings.bookmarkInterval());
            return new WatchCache(context, sequencer, loader, settings);
        }));
    }

    private WatchCache(ActorContext<Command> context, ActorRef<SequencerProtocol.Command> sequencer, Loader loader,
                       Settings settings) {
        super(context);
        this.sequencerProxy = sequencer;
        this.loader = loader;
        this.settings = settings;
        this.feedAdapter = context.messageAdapter(SequencerProtocol.Feed.class, Fed::new);
        sequencer.tell(new SequencerProtocol.Subscribe(feedAdapter));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Fed.class, fed -> onFeed(fed.feed()))
                .onMessage(Loaded.class, this::onLoaded)
                .onMessage(LoadFailed.class, this::onLoadFailed)
                .onMessage(SequencerStopped.class, stopped -> stopped.sequencer().equals(sequencer)
                        ? restart("the resource version sequencer stopped") : this)
                .onMessageEquals(Tick.SUBSCRIBE, () -> {
                    sequencerProxy.tell(new SequencerProtocol.Subscribe(feedAdapter));
                    return this;
                })
                .onMessage(GetState.class, get -> {
                    get.replyTo().tell(new State(phase.name(), phaseSince, epoch, watermark, objectCount(),
                            parked.values().stream().mapToInt(List::size).sum()));
                    return this;
                })
                .onMessageEquals(Tick.BOOKMARK, this::sendBookmarks)
                .onMessage(ListObjects.class, this::onList)
                .onMessage(AwaitVersion.class, this::onAwait)
                .onMessage(Lookup.class, this::onLookup)
                .onMessage(Watch.class, this::onWatch)
                .onMessage(Observe.class, this::onObserve)
                .onMessage(ObserverStopped.class, stopped -> {
                    observers.remove(stopped.observer());
                    return this;
                })
                .onMessage(StopWatch.class, stop -> {
                    watchers.removeIf(w -> w.queue() == stop.queue());
                    return this;
                })
                .build();
    }

    // ---- feeding --------------------------------------------------------------------------

    private Behavior<Command> onFeed(SequencerProtocol.Feed feed) {
        if (feed instanceof SequencerProtocol.Subscribed subscribed) {
            if (phase != Phase.SUBSCRIBING) {
                return onRenewed(subscribed);
            }
            epoch = subscribed.epoch();
            watermark = subscribed.watermark();
            sequencer = subscribed.sequencer();
            getContext().watchWith(sequencer, new SequencerStopped(sequencer));
            enter(Phase.LOADING);
            int loading = ++generation;
            getContext().getLog().info("Watch cache: subscribed to epoch {} after version {}; loading objects",
                    epoch, watermark);
            getContext().pipeToSelf(loader.loadAll(), (loaded, failure) -> failure == null
                    ? new Loaded(loading, loaded) : new LoadFailed(loading, failure));
            return this;
        }
        SequencerProtocol.Batch batch = (SequencerProtocol.Batch) feed;
        if (phase == Phase.SUBSCRIBING || batch.epoch() != epoch) {
            return this;
        }
        long expectedAfter = receivedUpTo();
        if (batch.afterVersion() != expectedAfter) {
            return restart("a batch of changes was lost (expected after " + expectedAfter + ", got after "
                    + batch.afterVersion() + ")");
        }
        if (phase == Phase.LOADING) {
            buffered.add(batch);
            return this;
        }
        applyBatch(batch, true);
        releaseParked();
        return this;
    }

    /** The watermark of the last batch received (buffered while loading, applied once ready). */
    private long receivedUpTo() {
        return phase == Phase.LOADING && !buffered.isEmpty() ? buffered.get(buffered.size() - 1).watermark() : watermark;
    }

    /**
     * A renewal's answer. It comes after every batch the sequencer sent this cache before it, so a
     * watermark beyond what was received means batches were lost or this cache had been dropped.
     */
    private Behavior<Command> onRenewed(SequencerProtocol.Subscribed subscribed) {
        if (subscribed.epoch() != epoch || !subscribed.sequencer().equals(sequencer)) {
            return restart("the resource version sequencer moved (epoch " + epoch + " to " + subscribed.epoch() + ")");
        }
        if (subscribed.watermark() > receivedUpTo()) {
            return restart("changes up to version " + subscribed.watermark() + " did not arrive (received up to "
                    + receivedUpTo() + ")");
        }
        return this;
    }

    private void enter(Phase next) {
        phase = next;
        phaseSince = Instant.now();
    }

    private int objectCount() {
        return objects.values().stream().mapToInt(TreeMap::size).sum();
    }

    private Behavior<Command> onLoaded(Loaded loaded) {
        if (loaded.generation() != generation || phase != Phase.LOADING) {
            return this;
        }
        objects.clear();
        history.clear();
        for (CachedObject object : loaded.objects()) {
            objects.computeIfAbsent(object.entityType(), t -> new TreeMap<>()).merge(object.key(), object,
                    (a, b) -> a.resourceVersion() >= b.resourceVersion() ? a : b);
        }
        historyStart = watermark;
        for (SequencerProtocol.Batch batch : buffered) {
            applyBatch(batch, false);
        }
        buffered.clear();
        enter(Phase.READY);
        getContext().getLog().info("Watch cache ready: {} objects, version {}", loaded.objects().size(), watermark);
        observers.forEach(observer -> observer.tell(new Reloaded(watermark)));
        releaseParked();
        return this;
    }

    private Behavior<Command> onLoadFailed(LoadFailed failed) {
        if (failed.generation() == generation) {
            getContext().getLog().warn("Watch cache: loading objects failed ({}); starting over",
                    failed.cause().toString());
            return restart("loading failed");
        }
        return this;
    }

    private Behavior<Command> restart(String why) {
        getContext().getLog().warn("Watch cache starts over: {}", why);
        watchers.forEach(w -> close(w.queue()));
        watchers.clear();
        buffered.clear();
        enter(Phase.SUBSCRIBING);
        sequencer = null;
        generation++;
        sequencerProxy.tell(new SequencerProtocol.Subscribe(feedAdapter));
        return this;
    }

    private void applyBatch(SequencerProtocol.Batch batch, boolean notify) {
        for (Change change : batch.changes()) {
            ObjectNode object = Json.parseObject(change.objectJson());
            CachedObject after = CachedObject.of(change.entityType(), change.entityId(), object);
            TreeMap<String, CachedObject> kind = objects.computeIfAbsent(change.entityType(), t -> new TreeMap<>());
            CachedObject before = kind.get(change.entityId());
            if (before != null && before.resourceVersion() >= change.resourceVersion()) {
                continue; // already loaded from the entity at this version or later
            }
            boolean deleted = "DELETED".equals(change.type());
            if (deleted) {
                kind.remove(change.entityId());
            } else {
                kind.put(change.entityId(), after);
            }
            HistoryEntry entry = new HistoryEntry(change.resourceVersion(), change.type(), before, after);
            remember(entry);
            if (notify) {
                Changed changed = new Changed(change.resourceVersion(), before, after, deleted);
                observers.forEach(observer -> observer.tell(changed));
                for (Iterator<Watcher> it = watchers.iterator(); it.hasNext(); ) {
                    Watcher watcher = it.next();
                    if (!deliver(watcher, entry)) {
                        it.remove();
                    }
                }
            }
        }
        watermark = batch.watermark();
    }

    private void remember(HistoryEntry entry) {
        history.addLast(entry);
        while (history.size() > settings.historySize()) {
            historyStart = history.removeFirst().version();
        }
    }

    private Behavior<Command> onObserve(Observe observe) {
        observers.add(observe.observer());
        getContext().watchWith(observe.observer(), new ObserverStopped(observe.observer()));
        if (phase == Phase.READY) {
            observe.observer().tell(new Reloaded(watermark));
        }
        return this;
    }

    // ---- reading --------------------------------------------------------------------------

    private boolean ready(long minVersion) {
        return phase == Phase.READY && watermark >= minVersion;
    }

    private void park(long minVersion, Command command) {
        parked.computeIfAbsent(Math.max(minVersion, 0), v -> new ArrayList<>()).add(command);
    }

    private void releaseParked() {
        if (phase != Phase.READY) {
            return;
        }
        while (!parked.isEmpty() && parked.firstKey() <= watermark) {
            for (Command command : parked.pollFirstEntry().getValue()) {
                getContext().getSelf().tell(command);
            }
        }
    }

    private Behavior<Command> onAwait(AwaitVersion await) {
        if (!ready(await.version())) {
            park(await.version(), await);
        } else {
            await.replyTo().tell(watermark);
        }
        return this;
    }

    private Behavior<Command> onLookup(Lookup lookup) {
        if (!ready(0)) {
            park(0, lookup);
            return this;
        }
        TreeMap<String, CachedObject> kind = objects.get(lookup.entityType());
        lookup.replyTo().tell(java.util.Optional.ofNullable(kind == null ? null : kind.get(lookup.key())));
        return this;
    }

    private Behavior<Command> onList(ListObjects list) {
        if (!ready(list.minVersion())) {
            park(list.minVersion(), list);
            return this;
        }
        java.util.NavigableMap<String, CachedObject> kind = inNamespace(
                objects.getOrDefault(list.filter().entityType(), new TreeMap<>()), list.filter().namespace());
        var candidates = list.continueAfter() == null ? kind.values() : kind.tailMap(list.continueAfter(), false).values();
        List<CachedObject> items = new ArrayList<>();
        String lastKey = null;
        long remaining = 0;
        for (CachedObject object : candidates) {
            if (!list.filter().matches(object)) {
                continue;
            }
            if (list.limit() > 0 && items.size() >= list.limit()) {
                remaining++;
                continue;
            }
            items.add(object);
            lastKey = object.key();
        }
        list.replyTo().tell(new ListResult(items, watermark, remaining > 0 ? lastKey : null, remaining));
        return this;
    }

    /**
     * The objects of one namespace: keys are "namespace/name", so they sit together between
     * "namespace/" and "namespace0" ('0' follows '/'). A controller lists its namespace on every
     * reconcile; this keeps that from scanning every namespace's objects.
     */
    private static java.util.NavigableMap<String, CachedObject> inNamespace(TreeMap<String, CachedObject> kind,
                                                                          String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return kind;
        }
        return kind.subMap(namespace + "/", true, namespace + "0", false);
    }

    // ---- watching -------------------------------------------------------------------------

    private Behavior<Command> onWatch(Watch watch) {
        long minVersion = Math.max(watch.fromVersion(), 0);
        if (!ready(minVersion)) {
            park(minVersion, watch);
            return this;
        }
        Watcher watcher = new Watcher(watch.filter(), watch.bookmarks(), watch.queue());
        if (watch.fromVersion() < 0) {
            TreeMap<String, CachedObject> kind = objects.getOrDefault(watch.filter().entityType(), new TreeMap<>());
            for (CachedObject object : kind.values()) {
                if (watch.filter().matches(object) && !offer(watcher, new WatchEvent("ADDED", object.object()))) {
                    return this;
                }
            }
        } else if (minVersion < historyStart) {
            offer(watcher, new WatchEvent("ERROR", ApiStatus.gone("too old resource version: " + minVersion
                    + " (" + historyStart + ")").toJson()));
            close(watch.queue());
            return this;
        } else {
            for (HistoryEntry entry : history) {
                if (entry.version() > minVersion && !deliver(watcher, entry)) {
                    return this;
                }
            }
        }
        watchers.add(watcher);
        return this;
    }

    /**
     * Sends one change as the watcher sees it: an object that starts matching the selectors is
     * ADDED for it, one that stops matching is DELETED, as Kubernetes does.
     */
    private boolean deliver(Watcher watcher, HistoryEntry entry) {
        boolean matchedBefore = entry.before() != null && watcher.filter().matches(entry.before());
        boolean matchesNow = watcher.filter().matches(entry.after());
        String type;
        if ("DELETED".equals(entry.type())) {
            if (!matchedBefore && !matchesNow) {
                return true;
            }
            type = "DELETED";
        } else if (matchesNow) {
            type = matchedBefore ? "MODIFIED" : "ADDED";
        } else if (matchedBefore) {
            type = "DELETED";
        } else {
            return true;
        }
        return offer(watcher, new WatchEvent(type, entry.after().object()));
    }

    /** A watcher that cannot keep up is closed: its client resumes from its last version or relists. */
    private boolean offer(Watcher watcher, WatchEvent event) {
        QueueOfferResult result = watcher.queue().offer(event);
        if (result == QueueOfferResult.enqueued()) {
            return true;
        }
        close(watcher.queue());
        return false;
    }

    /**
     * Ends a watcher's stream. Its client may have gone already (the stream cancelled, the queue
     * done) — at any moment, from another thread — and completing a done queue throws: that must
     * never stop the cache, which every request of this master goes through.
     */
    private static void close(BoundedSourceQueue<WatchEvent> queue) {
        try {
            queue.complete();
        } catch (IllegalStateException alreadyDone) {
            // the client closed it first: nothing left to end
        }
    }

    private Behavior<Command> sendBookmarks() {
        if (phase != Phase.READY) {
            return this;
        }
        for (Iterator<Watcher> it = watchers.iterator(); it.hasNext(); ) {
            Watcher watcher = it.next();
            if (watcher.bookmarks() && !offer(watcher, bookmark(watcher.filter()))) {
                it.remove();
            }
        }
        return this;
    }

    private WatchEvent bookmark(ObjectFilter filter) {
        ObjectNode object = Json.object();
        io.coxswain.protocol.resource.ResourceType type =
                io.coxswain.controlplane.entity.ApiObjectEntity.resourceTypeOf(filter.entityType());
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(watermark));
        return new WatchEvent("BOOKMARK", object);
    }
}
