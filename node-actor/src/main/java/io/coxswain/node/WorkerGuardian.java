package io.coxswain.node;

import io.coxswain.node.agent.EntityClient;
import io.coxswain.node.agent.NodeDescription;
import io.coxswain.node.agent.NodeHeartbeat;
import io.coxswain.node.agent.NodeLeaseRenewer;
import io.coxswain.node.agent.NodeSettings;
import io.coxswain.node.agent.PodAgent;
import io.coxswain.node.agent.PodLogsService;
import io.coxswain.node.agent.PodSyncs;
import io.coxswain.node.agent.Runtimes;
import io.coxswain.node.agent.SimulatedNodes;
import io.coxswain.node.metrics.MetricsSettings;
import io.coxswain.node.metrics.ResourceMetricsService;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.streams.PodStreamsService;
import io.coxswain.node.streams.StreamSettings;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wires one worker: the client of the masters' entities, the node agent of this node (unless the
 * JVM only hosts simulated nodes), the agents of its simulated nodes, and one lease renewer for
 * all of them.
 */
public final class WorkerGuardian {
    private static final Duration REGISTRATION_SPACING = Duration.ofMillis(50);
    /** The address pods see as their host's: workers run on this machine's loopback. */
    private static final String HOST_IP = "127.0.0.1";

    private WorkerGuardian() {}

    public static Behavior<Void> create() {
        return Behaviors.setup(context -> {
            NodeSettings settings = NodeSettings.from(context.getSystem().settings().config());
            EntityClient entities = new EntityClient(context.getSystem(), settings.askTimeout());
            NodeDescription node = NodeDescription.ofThisMachine(settings);
            MetricsSettings metrics = MetricsSettings.from(context.getSystem().settings().config());
            PodSyncs syncs = new PodSyncs(entities, settings);
            Map<String, ActorRef<Object>> heartbeats = new LinkedHashMap<>();
            if (settings.ownNode()) {
                heartbeats.put(node.name(), context.spawn(NodeHeartbeat.create(node, entities,
                        settings.heartbeatInterval()), "heartbeat-" + node.name()));
                ContainerRuntime runtime = Runtimes.create(settings, context.getSystem().settings().config());
                context.spawn(PodAgent.create(node.name(), syncs.forNode(node, runtime, HOST_IP), entities,
                        settings.syncInterval(), settings.askTimeout()), "pods-" + node.name());
                context.spawn(PodLogsService.create(node.name(), runtime), "logs-" + node.name());
                context.spawn(PodStreamsService.create(node.name(), runtime,
                        StreamSettings.from(context.getSystem().settings().config())), "streams-" + node.name());
                context.spawn(ResourceMetricsService.create(node.name(), runtime, metrics), "metrics-" + node.name());
                context.getLog().info("Worker {} with runtime {}: registering its Node", node.name(), runtime.name());
            }
            if (settings.simulatedNodes() > 0) {
                startSimulatedNodes(context, settings, entities, node, heartbeats, syncs, metrics);
            }
            context.spawn(NodeLeaseRenewer.create(heartbeats, settings.heartbeatInterval(), settings.askTimeout()),
                    "node-leases");
            return Behaviors.empty();
        });
    }

    /** Every virtual node gets a heartbeat and a runtime of its own; one pod agent serves them all. */
    private static void startSimulatedNodes(ActorContext<Void> context, NodeSettings settings, EntityClient entities,
                                            NodeDescription host, Map<String, ActorRef<Object>> heartbeats,
                                            PodSyncs syncs, MetricsSettings metrics) {
        List<String> names = SimulatedNodes.names(settings.name(), settings.simulatedNodes());
        List<PodAgent.Served> served = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            NodeDescription virtual = SimulatedNodes.describe(host, name, i, settings.simulated());
            // Registrations 50 ms apart: a hundred nodes joining at once would starve a small machine's masters.
            heartbeats.put(name, context.spawn(NodeHeartbeat.create(virtual, entities,
                    settings.simulated().statusInterval(), REGISTRATION_SPACING.multipliedBy(i)), "heartbeat-" + name));
            SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntimeSettings.defaults()
                    .withPodCidr(virtual.podCidr()).withStartDelay(settings.simulated().startDelay()));
            served.add(new PodAgent.Served(name, syncs.forNode(virtual, runtime, HOST_IP)));
            context.spawn(PodLogsService.create(name, runtime), "logs-" + name);
            context.spawn(ResourceMetricsService.create(name, runtime, metrics), "metrics-" + name);
        }
        context.spawn(PodAgent.create(served, entities, settings.syncInterval(), settings.askTimeout()),
                "pods-simulated");
        context.getLog().info("Worker {}: registering {} simulated nodes ({} … {})", settings.name(), names.size(),
                names.get(0), names.get(names.size() - 1));
    }
}
