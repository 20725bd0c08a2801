package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How node agents learn which pods are bound to their nodes: every master registers a service
 * under {@link #SERVICE_KEY} that answers from its watch cache, so any master can be asked. One
 * request names every node a worker JVM hosts (its own and its simulated ones), so a JVM with a
 * hundred virtual nodes costs the masters one request per sync, not a hundred.
 */
public final class NodePods {
    public static final ServiceKey<Request> SERVICE_KEY = ServiceKey.create(Request.class, "coxswain-node-pods");

    private NodePods() {}

    public sealed interface Request extends CborSerializable {}

    /** The pods whose {@code spec.nodeName} is one of {@code nodeNames}, as of the master's cache. */
    public record ListBound(List<String> nodeNames, ActorRef<Bound> replyTo) implements Request {}

    /**
     * The pods (JSON) of each node asked for (every node asked for has an entry, empty when no pod
     * is bound to it) and the cache version they are as of.
     */
    public record Bound(Map<String, List<String>> podsByNode, long resourceVersion) implements CborSerializable {}
}
