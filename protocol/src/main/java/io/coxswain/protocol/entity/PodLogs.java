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
     * request can continue after them; {@code running} says whether more may come.
     */
    public record Text(int code, String text, long lines, boolean running) implements CborSerializable {}
}
