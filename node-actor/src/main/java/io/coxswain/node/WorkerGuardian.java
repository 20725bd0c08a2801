package io.coxswain.node;

import io.coxswain.node.agent.EntityClient;
import io.coxswain.node.agent.NodeDescription;
import io.coxswain.node.agent.NodeHeartbeat;
import io.coxswain.node.agent.NodeSettings;
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
            context.getLog().info("Worker {} with runtime {}: registering its Node", node.name(), settings.runtime());
            return Behaviors.empty();
        });
    }
}
