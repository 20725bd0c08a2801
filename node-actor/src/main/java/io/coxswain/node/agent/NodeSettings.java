package io.coxswain.node.agent;

import com.typesafe.config.Config;
import java.time.Duration;

/** The node agent's settings, from {@code coxswain.node}. */
public record NodeSettings(String name, String runtime, String cpu, String memory, int pods,
                           Duration heartbeatInterval, Duration askTimeout, Duration syncInterval,
                           String runtimeRoot) {

    public static NodeSettings from(Config config) {
        Config node = config.getConfig("coxswain.node");
        return new NodeSettings(node.getString("name"), node.getString("runtime"), node.getString("cpu"),
                node.getString("memory"), node.getInt("pods"), node.getDuration("heartbeat-interval"),
                node.getDuration("ask-timeout"), node.getDuration("sync-interval"), node.getString("runtime-root"));
    }
}
