package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.stream.SourceRef;

/**
 * How a master serves {@code exec}, {@code attach} and {@code portforward} of a pod: it asks the node agent of the
 * pod's node, registered under {@link #serviceKey(String)}, and the bytes travel as Pekko stream references in both
 * directions. The master hands over what the client sends ({@code input}, a {@link SourceRef} the agent runs) and
 * the agent answers with what the container sends back (a {@link SourceRef} the master runs), or with a refusal
 * (a Kubernetes status code and message) before anything was started.
 */
public final class PodStreams {
    private PodStreams() {}

    public static ServiceKey<Request> serviceKey(String nodeName) {
        return ServiceKey.create(Request.class, "coxswain-pod-streams-" + nodeName);
    }

    /** Marker of the requests an agent's stream service takes. */
    public interface Request extends CborSerializable {}

    /**
     * Runs {@code command} in a running container of the pod ({@code kubectl exec}). Without {@code stdin} the
     * input carries only resizes; with {@code tty} the command gets a terminal and stderr is merged into stdout.
     */
    public record Exec(String podUid, String podName, String container, List<String> command, boolean stdin,
                       boolean stdout, boolean stderr, boolean tty, SourceRef<Input> input,
                       ActorRef<Opened> replyTo) implements Request {
        public Exec {
            command = List.copyOf(command);
        }
    }

    /** Connects to the streams of the container's own process ({@code kubectl attach}). */
    public record Attach(String podUid, String podName, String container, boolean stdin, boolean stdout,
                         boolean stderr, boolean tty, SourceRef<Input> input, ActorRef<Opened> replyTo)
            implements Request {}

    /** Opens one TCP connection to {@code port} of the pod ({@code kubectl port-forward}: one per local connection). */
    public record PortForward(String podUid, String podName, int port, SourceRef<Chunk> input,
                              ActorRef<Forwarding> replyTo) implements Request {}

    /** What the client sends to an exec or attach session. */
    public record Input(InputKind kind, byte[] data, int width, int height) implements CborSerializable {
        public static Input stdin(byte[] data) {
            return new Input(InputKind.STDIN, data, 0, 0);
        }

        /** The client will send no more stdin: the command reads end of file. */
        public static Input endOfStdin() {
            return new Input(InputKind.END_OF_STDIN, new byte[0], 0, 0);
        }

        public static Input resize(int width, int height) {
            return new Input(InputKind.RESIZE, new byte[0], width, height);
        }

        public Input {
            Objects.requireNonNull(kind, "kind");
            data = data == null ? new byte[0] : data;
        }
    }

    public enum InputKind { STDIN, END_OF_STDIN, RESIZE }

    /**
     * What an exec or attach session sends back: output, and last its end — the command's exit code, or a message
     * when the session failed rather than the command ({@code exitCode} is then -1).
     */
    public record Output(OutputKind kind, byte[] data, int exitCode, String message) implements CborSerializable {
        public static Output stdout(byte[] data) {
            return new Output(OutputKind.STDOUT, data, 0, "");
        }

        public static Output stderr(byte[] data) {
            return new Output(OutputKind.STDERR, data, 0, "");
        }

        public static Output exited(int exitCode) {
            return new Output(OutputKind.EXIT, new byte[0], exitCode, "");
        }

        public static Output failed(String message) {
            return new Output(OutputKind.EXIT, new byte[0], -1, message);
        }

        public Output {
            Objects.requireNonNull(kind, "kind");
            data = data == null ? new byte[0] : data;
            message = message == null ? "" : message;
        }
    }

    public enum OutputKind { STDOUT, STDERR, EXIT }

    /** Bytes of a forwarded connection, either way. */
    public record Chunk(byte[] data) implements CborSerializable {
        public Chunk {
            data = data == null ? new byte[0] : data;
        }
    }

    /**
     * The agent's answer to {@link Exec} and {@link Attach}: {@code output} when the session started, else
     * {@code code} and {@code message} say why not (400 for a container that is not running, 404 for one the node
     * does not know, as the kubelet answers).
     */
    public record Opened(SourceRef<Output> output, int code, String message) implements CborSerializable {
        public static Opened refused(int code, String message) {
            return new Opened(null, code, message);
        }

        public boolean started() {
            return output != null;
        }
    }

    /** The agent's answer to {@link PortForward}: the pod's side of the connection, or why it could not connect. */
    public record Forwarding(SourceRef<Chunk> output, String error) implements CborSerializable {
        public static Forwarding failed(String error) {
            return new Forwarding(null, error);
        }

        public boolean connected() {
            return output != null;
        }
    }
}
