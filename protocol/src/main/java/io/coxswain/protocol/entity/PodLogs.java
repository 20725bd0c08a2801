package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How a master serves {@code GET …/pods/NAME/log}: it asks the node agent of the pod's node,
 * registered under {@link #serviceKey(String)}. Following a log is asking again for the lines
 * after those already sent, until the container has stopped.
 */
public final class PodLogs {
    private PodLogs() {}

    public static ServiceKey<Request> serviceKey(String nodeName) {
        return ServiceKey.create(Request.class, "coxswain-pod-logs-" + nodeName);
    }

    /**
     * The log of one container of one pod; {@code afterLine} skips the lines a follower already
     * has. {@code tailLines} and {@code sinceSeconds} may be null.
     */
    public record Request(String podUid, String container, boolean previous, Integer tailLines, Long sinceSeconds,
                          boolean timestamps, long afterLine, ActorRef<Text> replyTo) implements CborSerializable {}

    /**
     * The lines after {@code afterLine}; {@code lines} is how many there are in all, so the next
     * request can continue after them; {@code running} says whether more may come. A {@code code}
     * other than 200 is a refusal whose {@code text} says why, or {@link #NO_CONTAINER}.
     */
    public record Text(int code, String text, long lines, boolean running) implements CborSerializable {
        /**
         * The runtime has no attempt of that container (yet): not created, or still waiting to
         * start. The agent cannot say why; the master words it from the pod's status.
         */
        public static final int NO_CONTAINER = 404;

        public static Text noContainer() {
            return new Text(NO_CONTAINER, "", 0, false);
        }
    }
}
