package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How a node agent learns which pods are bound to its node: every master registers a service
 * under {@link #SERVICE_KEY} that answers from its watch cache, so any master can be asked.
 */
public final class NodePods {
    public static final ServiceKey<Request> SERVICE_KEY = ServiceKey.create(Request.class, "coxswain-node-pods");

    private NodePods() {}

    public sealed interface Request extends CborSerializable {}

    /** The pods whose {@code spec.nodeName} is {@code nodeName}, as of the master's cache. */
    public record ListBound(String nodeName, ActorRef<Bound> replyTo) implements Request {}

    /** The pods (JSON) and the cache version they are as of. */
    public record Bound(List<String> pods, long resourceVersion) implements CborSerializable {}
}
