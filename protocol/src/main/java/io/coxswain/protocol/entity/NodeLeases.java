package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Node heartbeats that cost the masters no write, in the spirit of Kubernetes' node leases: a
 * worker JVM tells the node lifecycle controller, in one message per heartbeat interval, that
 * every node it hosts is alive. The controller keeps that in memory and counts it as a heartbeat,
 * so a node's status needs to be written only when it changes or now and then (a hundred
 * simulated nodes writing their status every few seconds would keep the masters busy).
 */
public final class NodeLeases {
    /** Registered by the node lifecycle controller (a singleton), wherever it runs. */
    public static final ServiceKey<Renew> SERVICE_KEY = ServiceKey.create(Renew.class, "coxswain-node-leases");

    private NodeLeases() {}

    /** The nodes named are alive now. */
    public record Renew(List<String> nodeNames, ActorRef<Renewed> replyTo) implements CborSerializable {}

    /**
     * The nodes among those named whose Node the masters do not see as Ready — missing, or marked
     * Unknown while their JVM was silent: their agent writes their status again at once.
     */
    public record Renewed(List<String> needStatus) implements CborSerializable {}
}
