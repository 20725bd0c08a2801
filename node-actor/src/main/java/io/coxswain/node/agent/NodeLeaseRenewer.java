package io.coxswain.node.agent;

import io.coxswain.protocol.entity.NodeLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Renews the leases of every node this JVM hosts, in one message per interval to the node
 * lifecycle controller (found through the Receptionist, wherever the singleton runs): a hundred
 * virtual nodes cost the masters one message every few seconds instead of a hundred writes. The
 * nodes the controller does not see Ready are told to write their status at once.
 */
public final class NodeLeaseRenewer {
    private enum Tick { INSTANCE }

    private record Controllers(List<ActorRef<NodeLeases.Renew>> refs) {}

    private record Answered(NodeLeases.Renewed renewed, Throwable failure) {}

    private NodeLeaseRenewer() {}

    /** {@code heartbeats}: each node's {@link NodeHeartbeat}, by node name. */
    public static Behavior<Object> create(Map<String, ActorRef<Object>> heartbeats, Duration interval,
                                          Duration askTimeout) {
        List<String> names = List.copyOf(heartbeats.keySet());
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                    listing -> new Controllers(List.copyOf(listing.getServiceInstances(NodeLeases.SERVICE_KEY))));
            context.getSystem().receptionist().tell(Receptionist.subscribe(NodeLeases.SERVICE_KEY, listings));
            List<ActorRef<NodeLeases.Renew>> controllers = new ArrayList<>();
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            return Behaviors.receive(Object.class)
                    .onMessage(Controllers.class, c -> {
                        controllers.clear();
                        controllers.addAll(c.refs());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        // Normally one controller; two for a moment while the singleton moves.
                        for (ActorRef<NodeLeases.Renew> controller : controllers) {
                            context.pipeToSelf(AskPattern.<NodeLeases.Renew, NodeLeases.Renewed>ask(controller,
                                    replyTo -> new NodeLeases.Renew(names, replyTo), askTimeout,
                                    context.getSystem().scheduler()), Answered::new);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Answered.class, answered -> {
                        if (answered.failure() != null) {
                            context.getLog().debug("Lease renewal not answered: {}", answered.failure().toString());
                            return Behaviors.same();
                        }
                        for (String name : answered.renewed().needStatus()) {
                            ActorRef<Object> heartbeat = heartbeats.get(name);
                            if (heartbeat != null) {
                                heartbeat.tell(NodeHeartbeat.BeatNow.INSTANCE);
                            }
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
