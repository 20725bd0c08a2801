package io.coxswain.controlplane.api;

import io.coxswain.protocol.status.ApiStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.pattern.Patterns;

/** Finds a service a node's agent registered with the Receptionist (its logs, its streams). */
final class NodeAgents {
    private static final Duration LOOK_AGAIN = Duration.ofMillis(200);

    private final ActorSystem<?> system;
    private final Duration timeout;

    NodeAgents(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    /**
     * The service as this master's receptionist knows it. A worker that just (re)started may not have reached it
     * yet — registrations spread through the cluster in a moment — so look again until the timeout before
     * answering 503.
     */
    <T> CompletionStage<ActorRef<T>> find(ServiceKey<T> key, String node) {
        return find(key, node, System.nanoTime() + timeout.toNanos());
    }

    private <T> CompletionStage<ActorRef<T>> find(ServiceKey<T> key, String node, long deadline) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(key, replyTo), timeout, system.scheduler())
                .thenCompose(listing -> {
                    Optional<ActorRef<T>> found = listing.getServiceInstances(key).stream().findFirst();
                    if (found.isPresent()) {
                        return CompletableFuture.completedFuture(found.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw ApiStatus.unavailable("the node agent of " + node + " is not reachable").exception();
                    }
                    return Patterns.after(LOOK_AGAIN, system.classicSystem(), () -> find(key, node, deadline));
                });
    }
}
