package io.coxswain.controlplane.streams;

import com.typesafe.config.Config;
import io.coxswain.protocol.entity.PodStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the master relays exec, attach and port-forward streams ({@code coxswain.api.streams}).
 *
 * @param chunkSize      largest piece of a stream sent to an agent as one cluster message
 * @param inputBuffer    pieces of a client's input queued for the agent before the client is slowed down
 * @param messageTimeout how long a client may take to send the rest of one WebSocket message
 */
public record StreamLimits(int chunkSize, int inputBuffer, Duration messageTimeout) {

    public static StreamLimits from(Config config) {
        Config streams = config.getConfig("coxswain.api.streams");
        return new StreamLimits((int) streams.getBytes("chunk-size").longValue(), streams.getInt("input-buffer"),
                streams.getDuration("message-timeout"));
    }

    /** Stdin cut into pieces of at most {@link #chunkSize()}; other inputs as they are. */
    public List<PodStreams.Input> split(PodStreams.Input input) {
        if (input.kind() != PodStreams.InputKind.STDIN || input.data().length <= chunkSize) {
            return List.of(input);
        }
        List<PodStreams.Input> pieces = new ArrayList<>();
        for (int from = 0; from < input.data().length; from += chunkSize) {
            pieces.add(PodStreams.Input.stdin(Arrays.copyOfRange(input.data(), from,
                    Math.min(input.data().length, from + chunkSize))));
        }
        return pieces;
    }

    /** Bytes cut into pieces of at most {@link #chunkSize()}. */
    public List<PodStreams.Chunk> chunks(byte[] bytes) {
        List<PodStreams.Chunk> pieces = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += chunkSize) {
            pieces.add(new PodStreams.Chunk(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunkSize))));
        }
        return pieces;
    }
}
