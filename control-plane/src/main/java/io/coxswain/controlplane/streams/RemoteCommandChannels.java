package io.coxswain.controlplane.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.PodStreams;
import io.coxswain.protocol.json.Json;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Kubernetes' WebSocket protocol for exec and attach ({@code v4.channel.k8s.io}, {@code v5.channel.k8s.io}): every
 * binary message starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error (a Status, sent last), 4 resize
 * ({@code {"Width":…,"Height":…}}) — and v5 adds 255, "the client closed a stream" ({@code [255, 0]}: end of stdin).
 */
public final class RemoteCommandChannels {
    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    static final int CLOSE = 255;

    private RemoteCommandChannels() {}

    /** The first protocol the client offers that we speak (clients list them in order of preference). */
    public static Optional<String> negotiate(Iterable<String> offered) {
        for (String protocol : offered) {
            if (protocol.equals(V5) || protocol.equals(V4)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** What a client's message means for the session; empty for messages with nothing to pass on. */
    public static Optional<PodStreams.Input> input(ByteString message) {
        if (message.isEmpty()) {
            return Optional.empty();
        }
        int channel = message.apply(0) & 0xff;
        ByteString payload = message.drop(1);
        return switch (channel) {
            case STDIN -> payload.isEmpty() ? Optional.empty() : Optional.of(PodStreams.Input.stdin(payload.toArray()));
            case RESIZE -> resize(payload);
            case CLOSE -> !payload.isEmpty() && (payload.apply(0) & 0xff) == STDIN
                    ? Optional.of(PodStreams.Input.endOfStdin()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<PodStreams.Input> resize(ByteString payload) {
        try {
            JsonNode size = Json.parse(payload.utf8String());
            int width = size.path("Width").asInt(0);
            int height = size.path("Height").asInt(0);
            return width > 0 && height > 0 ? Optional.of(PodStreams.Input.resize(width, height)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed size is dropped, as the kubelet drops it
        }
    }

    /** The message carrying one output of the session; the end becomes the Status on the error channel. */
    public static ByteString message(PodStreams.Output output, List<String> command) {
        return switch (output.kind()) {
            case STDOUT -> framed(STDOUT, ByteString.fromArray(output.data()));
            case STDERR -> framed(STDERR, ByteString.fromArray(output.data()));
            case EXIT -> framed(ERROR, ByteString.fromString(Json.write(output.exitCode() < 0
                    ? failure(output.message()) : exitStatus(output.exitCode(), command))));
        };
    }

    /** A failure on the error channel, for a session that broke rather than ended. */
    public static ByteString failureMessage(String message) {
        return framed(ERROR, ByteString.fromString(Json.write(failure(message))));
    }

    /**
     * The kubelet's Status for an ended command: Success, or NonZeroExitCode with the code as an ExitCode cause,
     * from which kubectl takes its own exit code.
     */
    static ObjectNode exitStatus(int exitCode, List<String> command) {
        ObjectNode status = status();
        if (exitCode == 0) {
            status.put("status", "Success");
            return status;
        }
        status.put("status", "Failure");
        status.put("message", "command terminated with non-zero exit code: error executing command "
                + command.toString().replace(",", "") + ", exit code " + exitCode);
        status.put("reason", "NonZeroExitCode");
        ObjectNode cause = status.putObject("details").putArray("causes").addObject();
        cause.put("reason", "ExitCode");
        cause.put("message", Integer.toString(exitCode));
        return status;
    }

    private static ObjectNode failure(String message) {
        ObjectNode status = status();
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "InternalError");
        return status;
    }

    private static ObjectNode status() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        return status;
    }

    static ByteString framed(int channel, ByteString payload) {
        ByteStringBuilder builder = new ByteStringBuilder();
        builder.putByte((byte) channel);
        builder.append(payload);
        return builder.result();
    }
}
