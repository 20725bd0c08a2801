package io.coxswain.controlplane.api;

import io.coxswain.protocol.entity.ResourceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every node agent this master's receptionist knows for its latest sample, all at once. An agent that does
 * not answer within the timeout (its worker is down or overloaded) is left out, as metrics-server leaves out a
 * node it cannot scrape: its node and pods have no metrics, and everyone else's still do.
 */
final class NodeAgentUsage {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgentUsage.class);

    private final ActorSystem<?> system;
    private final Duration timeout;

    NodeAgentUsage(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    CompletionStage<UsageIndex> latest() {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(ResourceMetrics.SERVICE_KEY, replyTo), timeout,
                        system.scheduler())
                .thenCompose(listing -> {
                    List<CompletableFuture<ResourceMetrics.Report>> asks = new ArrayList<>();
                    for (ActorRef<ResourceMetrics.Request> agent
                            : listing.getServiceInstances(ResourceMetrics.SERVICE_KEY)) {
                        asks.add(AskPattern.<ResourceMetrics.Request, ResourceMetrics.Report>ask(agent,
                                        ResourceMetrics.Request::new, timeout, system.scheduler())
                                .exceptionally(failure -> {
                                    LOG.debug("Node agent {} gave no metrics: {}", agent.path(), failure.toString());
                                    return ResourceMetrics.Report.EMPTY;
                                })
                                .toCompletableFuture());
                    }
                    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                            .thenApply(done -> UsageIndex.of(asks.stream().map(CompletableFuture::join).toList()));
                });
    }
}
