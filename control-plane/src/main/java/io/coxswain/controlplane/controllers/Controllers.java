package io.coxswain.controlplane.controllers;

import com.typesafe.config.Config;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.controllers.daemonset.DaemonSetKind;
import io.coxswain.controlplane.controllers.deployment.DeploymentKind;
import io.coxswain.controlplane.controllers.namespace.NamespaceKind;
import io.coxswain.controlplane.controllers.replicaset.ReplicaSetKind;
import io.coxswain.controlplane.events.EventRecorder;
import io.coxswain.protocol.resource.ResourceType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * Starts this master's part of the controllers: the wake-up router over its watch cache, and the
 * sharded controller entities of every controlled kind — with remember-entities in the Cassandra
 * journal ({@code eventsourced}), so that the shards a dead master held start their controllers
 * again on the survivors without anyone touching the objects.
 */
public final class Controllers {
    /** Every controlled kind, with the component name its events carry (Kubernetes' names). */
    private static final Map<ControllerKind, String> KINDS = Map.of(
            ReplicaSetKind.replicaSets(), "replicaset-controller",
            ReplicaSetKind.replicationControllers(), "replication-controller",
            new DaemonSetKind(), "daemonset-controller",
            new DeploymentKind(), "deployment-controller",
            new NamespaceKind(), "namespace-controller");

    private final ClusterSharding sharding;
    private final Map<ResourceType, ControllerKind> byType;
    private final ActorRef<ControllerWakeups.Command> wakeups;
    private final ActorSystem<?> system;

    private Controllers(ActorSystem<?> system, ClusterSharding sharding, ActorRef<ControllerWakeups.Command> wakeups) {
        this.system = system;
        this.sharding = sharding;
        this.wakeups = wakeups;
        this.byType = KINDS.keySet().stream().collect(Collectors.toMap(ControllerKind::type, Function.identity()));
    }

    public static Controllers start(ActorContext<?> context, ClusterGateway cluster, ActorRef<WatchCache.Command> cache,
                                    Config config, Clock clock) {
        ActorSystem<?> system = context.getSystem();
        ActorRef<ControllerWakeups.Command> wakeups = context.spawn(
                ControllerWakeups.create(cache, List.copyOf(KINDS.keySet())), "controller-wakeups");
        ControllerEntity.Settings settings = new ControllerEntity.Settings(config.getDuration("resync-interval"),
                config.getDuration("retry-min"), config.getDuration("retry-max"));
        ClusterSharding sharding = ClusterSharding.get(system);
        ClusterShardingSettings remembered = ClusterShardingSettings.create(system).withRememberEntities(true)
                .withRememberEntitiesStoreMode(ClusterShardingSettings.rememberEntitiesStoreModeEventSourced());
        KINDS.forEach((kind, component) -> {
            ActionRunner runner = new ActionRunner(cluster, new EventRecorder(cluster, component, clock));
            sharding.init(Entity.of(ControllerEntity.typeKey(kind.type()), entity -> ControllerEntity.create(kind,
                            entity.getEntityId(), cluster, runner, wakeups, entity.getShard(), settings, clock))
                    .withSettings(remembered).withRole("master"));
        });
        return new Controllers(system, sharding, wakeups);
    }

    /** The controllers running on this master, as "Kind namespace/name". */
    public java.util.concurrent.CompletionStage<List<String>> hostedHere() {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.ask(wakeups, ControllerWakeups.ListHosted::new,
                java.time.Duration.ofSeconds(3), system.scheduler());
    }

    /** Whether objects of {@code type} have a controller. */
    public boolean controls(ResourceType type) {
        return byType.containsKey(type);
    }

    /**
     * The object's entity tells its controller of every change; the first one starts the controller,
     * and remember-entities keeps it running from then on, wherever its shard goes.
     */
    public void objectChanged(ResourceType type, String entityId, long version) {
        if (byType.containsKey(type)) {
            sharding.entityRefFor(ControllerEntity.typeKey(type), entityId).tell(new ControllerEntity.Wake(version));
        }
    }
}
