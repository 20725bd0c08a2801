package io.coxswain.node;

import io.coxswain.node.agent.EntityClient;
import io.coxswain.node.agent.NodeDescription;
import io.coxswain.node.agent.NodeHeartbeat;
import io.coxswain.node.agent.NodeSettings;
import io.coxswain.node.agent.PodAgent;
import io.coxswain.node.agent.PodSync;
import io.coxswain.node.agent.PodSyncs;
import io.coxswain.node.agent.PodLogsService;
import io.coxswain.node.agent.Runtimes;
import io.coxswain.node.metrics.MetricsSettings;
import io.coxswain.node.metrics.ResourceMetricsService;
import io.coxswain.node.runtime.ContainerRuntime;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Wires one worker: the client of the masters' entities and the node agent of this node. */
public final class WorkerGuardian {
    private WorkerGuardian() {}

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            NodeSettings settings = NodeSettings.from(context.getSystem().settings().config());
            EntityClient entities = new EntityClient(context.getSystem(), settings.askTimeout());
            NodeDescription node = NodeDescription.ofThisMachine(settings);
            context.spawn(NodeHeartbeat.create(node, entities, settings.heartbeatInterval()),
                    "heartbeat-" + node.name());
            ContainerRuntime runtime = Runtimes.create(settings, context.getSystem().settings().config());
            PodSync sync = PodSyncs.forNode(node, runtime, entities, settings, "127.0.0.1");
            context.spawn(PodAgent.create(node.name(), sync, entities, settings.syncInterval(),
                    settings.askTimeout()), "pods-" + node.name());
            context.spawn(PodLogsService.create(node.name(), runtime), "logs-" + node.name());
            context.spawn(ResourceMetricsService.create(node.name(), runtime,
                    MetricsSettings.from(context.getSystem().settings().config())), "metrics-" + node.name());
            context.getLog().info("Worker {} with runtime {}: registering its Node", node.name(), runtime.name());
            return Behaviors.empty();
        });
    }
}
