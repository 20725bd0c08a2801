package io.coxswain.controlplane;

import com.typesafe.config.Config;
import io.coxswain.controlplane.api.ApiServer;
import io.coxswain.controlplane.api.ApiSettings;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.controllers.Controllers;
import io.coxswain.controlplane.cache.EntityBootstrap;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.controlplane.gc.GarbageCollector;
import io.coxswain.controlplane.nodes.NodeLifecycleController;
import io.coxswain.controlplane.nodes.NodePodsService;
import io.coxswain.controlplane.scheduler.SchedulingLoop;
import io.coxswain.controlplane.version.ResourceVersionSequencer;
import io.coxswain.controlplane.version.SequencerProtocol;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Wires one master: the entity shards of every kind, the resource version sequencer (a cluster
 * singleton), this master's watch cache, the built-in namespaces, and the Kubernetes API.
 */
public final class MasterGuardian {
    private MasterGuardian() {}

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            var system = context.getSystem();
            Config config = system.settings().config();
            warmUpSchemas();
            ActorRef<SequencerProtocol.Command> sequencer = startSequencer(system, config);
            // Entities tell controllers of changes, and controllers write through entities: the
            // listener is filled in once both are started.
            java.util.concurrent.atomic.AtomicReference<Controllers> controllers =
                    new java.util.concurrent.atomic.AtomicReference<>();
            startEntities(system, config, sequencer, (type, id, version) -> {
                Controllers started = controllers.get();
                if (started != null) {
                    started.objectChanged(type, id, version);
                }
            });
            ApiSettings apiSettings = ApiSettings.from(config);
            Config cacheConfig = config.getConfig("coxswain.cache");
            ActorRef<WatchCache.Command> cache = context.spawn(WatchCache.create(sequencer,
                    new EntityBootstrap(system, "pekko.persistence.cassandra.query",
                            cacheConfig.getInt("bootstrap-parallelism"), apiSettings.entityAskTimeout(),
                            cacheConfig.getInt("bootstrap-attempts")),
                    new WatchCache.Settings(cacheConfig.getInt("history-size"),
                            cacheConfig.getDuration("resubscribe-interval"),
                            cacheConfig.getDuration("bookmark-interval"))), "watch-cache");
            ClusterGateway gateway = new ClusterGateway(system, sequencer, cache, apiSettings.requestTimeout(),
                    apiSettings.entityAskTimeout());
            BuiltInNamespaces.ensure(system, gateway);
            ClusterSingleton.get(system).init(SingletonActor.of(Behaviors.supervise(GarbageCollector.create(gateway,
                    config.getDuration("coxswain.gc.sweep-interval"))).onFailure(SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)), "garbage-collector"));
            ClusterSingleton.get(system).init(SingletonActor.of(Behaviors.supervise(SchedulingLoop.create(gateway,
                    config.getDuration("coxswain.scheduler.interval"), Clock.systemUTC()))
                    .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5),
                            0.2)), "scheduler"));
            context.spawn(NodePodsService.create(gateway, config.getDuration("coxswain.node-pods.coalesce")),
                    "node-pods");
            Config lifecycle = config.getConfig("coxswain.node-lifecycle");
            ClusterSingleton.get(system).init(SingletonActor.of(Behaviors.supervise(NodeLifecycleController.create(
                    gateway, new NodeLifecycleController.Settings(lifecycle.getDuration("grace-period"),
                            lifecycle.getDuration("interval")), Clock.systemUTC()))
                    .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5),
                            0.2)), "node-lifecycle"));
            Controllers started = Controllers.start(context, gateway, cache, config.getConfig("coxswain.controllers"),
                    Clock.systemUTC());
            controllers.set(started);
            ApiServer.start(system, gateway, apiSettings, started::hostedHere);
            return Behaviors.empty();
        });
    }

    /** The first unknown-field check of a kind loads its schema (hundreds of ms): not on a client's time. */
    private static void warmUpSchemas() {
        Thread warmUp = new Thread(() -> {
            for (ResourceType type : ResourceTypes.ALL_TYPES) {
                io.coxswain.protocol.schema.UnknownFields.find(type.apiVersion(), type.kind(),
                        io.coxswain.protocol.json.Json.object());
            }
        }, "schema-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static ActorRef<SequencerProtocol.Command> startSequencer(
            org.apache.pekko.actor.typed.ActorSystem<?> system, Config config) {
        Config versions = config.getConfig("coxswain.versions");
        Behavior<SequencerProtocol.Command> sequencer = ResourceVersionSequencer.create(
                new ResourceVersionSequencer.Settings(versions.getLong("reservation-block"),
                        versions.getDuration("pending-timeout"), versions.getDuration("subscriber-lease"),
                        versions.getBytes("max-batch-bytes")),
                ResourceVersionSequencer::viaSharding);
        return ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(sequencer).onFailure(SupervisorStrategy.restartWithBackoff(
                        Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)),
                "resource-version-sequencer"));
    }

    private static void startEntities(org.apache.pekko.actor.typed.ActorSystem<?> system, Config config,
                                      ActorRef<SequencerProtocol.Command> sequencer,
                                      ApiObjectEntity.ChangeListener listener) {
        ApiObjectEntity.Settings settings = new ApiObjectEntity.Settings(
                config.getInt("coxswain.entity.snapshot-every"),
                config.getDuration("coxswain.entity.sequencer-timeout"), Clock.systemUTC(), listener);
        ClusterSharding sharding = ClusterSharding.get(system);
        for (ResourceType type : ResourceTypes.ALL_TYPES) {
            sharding.init(Entity.of(ApiObjectEntity.typeKey(type), entity ->
                    ApiObjectEntity.create(type, entity.getEntityId(), sequencer, settings)).withRole("master"));
        }
    }
}
