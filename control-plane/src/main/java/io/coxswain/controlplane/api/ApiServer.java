package io.coxswain.controlplane.api;

import io.coxswain.controlplane.cluster.ClusterGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.Materializer;

/** Binds the Kubernetes API of this master and unbinds it on coordinated shutdown. */
public final class ApiServer {
    private ApiServer() {}

    public static CompletionStage<ServerBinding> start(ActorSystem<?> system, ClusterGateway cluster,
                                                       ApiSettings settings) {
        ObjectRoutes objects = new ObjectRoutes(cluster, Materializer.matFromSystem(system), settings,
                Clock.systemUTC());
        MetricsRoutes metrics = new MetricsRoutes(cluster, new NodeAgentUsage(system, settings.entityAskTimeout()),
                Clock.systemUTC());
        ApiHandler handler = new ApiHandler(objects, metrics,
                new ReadinessChecks(cluster, settings.readinessCheckTimeout()));
        return Http.get(system).newServerAt(settings.host(), settings.port()).bind(handler::apply)
                .whenComplete((binding, failure) -> {
                    if (failure != null) {
                        system.log().error("Kubernetes API could not bind {}:{}", settings.host(), settings.port(),
                                failure);
                        system.terminate();
                        return;
                    }
                    system.log().info("Kubernetes API listening on http://{}:{}", settings.host(), settings.port());
                    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "api-unbind",
                            () -> binding.unbind().thenApply(unbound -> Done.getInstance()));
                    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(),
                            "api-drain", () -> binding.terminate(Duration.ofSeconds(3))
                                    .thenApply(terminated -> Done.getInstance()));
                });
    }
}
