package io.coxswain.node.streams;

import com.typesafe.config.Config;
import java.time.Duration;

/** How the agent serves exec, attach and port-forward streams ({@code coxswain.node.streams}). */
public record StreamSettings(Duration idleTimeout, int chunkSize, int inputBuffer, Duration connectTimeout) {

    public static StreamSettings from(Config config) {
        Config streams = config.getConfig("coxswain.node.streams");
        return new StreamSettings(streams.getDuration("idle-timeout"), (int) streams.getBytes("chunk-size").longValue(),
                streams.getInt("input-buffer"), streams.getDuration("connect-timeout"));
    }
}
