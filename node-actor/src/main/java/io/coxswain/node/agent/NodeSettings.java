package io.coxswain.node.agent;

import com.typesafe.config.Config;
import java.time.Duration;

/** The node agent's settings, from {@code coxswain.node}. */
public record NodeSettings(String name, String runtime, String cpu, String memory, int pods,
                           Duration heartbeatInterval, Duration askTimeout, Duration syncInterval,
                           String runtimeRoot, boolean ownNode, int simulatedNodes, Simulated simulated,
                           int podWorkers) {

    /**
     * The virtual nodes' settings ({@code coxswain.node.simulated}): what each reports as capacity, how
     * often it writes its status (it renews its lease every heartbeat interval), and how long its
     * containers pretend to start.
     */
    public record Simulated(String cpu, String memory, int pods, Duration statusInterval, Duration startDelay) {}

    public static NodeSettings from(Config config) {
        Config node = config.getConfig("coxswain.node");
        Config simulated = node.getConfig("simulated");
        int simulatedNodes = node.getInt("simulated-nodes");
        if (simulatedNodes < 0 || simulatedNodes > SimulatedNodes.MAX) {
            throw new IllegalArgumentException("coxswain.node.simulated-nodes must be between 0 and "
                    + SimulatedNodes.MAX + ", got " + simulatedNodes);
        }
        return new NodeSettings(node.getString("name"), node.getString("runtime"), node.getString("cpu"),
                node.getString("memory"), node.getInt("pods"), node.getDuration("heartbeat-interval"),
                node.getDuration("ask-timeout"), node.getDuration("sync-interval"), node.getString("runtime-root"),
                node.getBoolean("own-node"), simulatedNodes,
                new Simulated(simulated.getString("cpu"), simulated.getString("memory"), simulated.getInt("pods"),
                        simulated.getDuration("status-interval"), simulated.getDuration("start-delay")),
                node.getInt("pod-workers"));
    }
}
