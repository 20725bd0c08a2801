package io.coxswain.node.metrics;

import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.protocol.entity.ResourceMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node's side of {@code kubectl top} (the kubelet's resource metrics endpoint): samples the node and its
 * containers every interval and answers the masters' {@link ResourceMetrics.Request} with the latest sample, kept
 * in memory only. Sampling reads /proc and asks the runtime, which blocks, so it runs on a thread of its own and
 * never twice at once; a request is answered at once from the last completed sample.
 */
public final class ResourceMetricsService {
    private enum Tick { INSTANCE }

    private record Sampled(ResourceMetrics.Report report, Throwable failure) {}

    private final ActorContext<Object> context;
    private final UsageCollector collector;
    private final ExecutorService sampler;
    private ResourceMetrics.Report latest = ResourceMetrics.Report.EMPTY;
    private boolean sampling;

    private ResourceMetricsService(ActorContext<Object> context, UsageCollector collector, String nodeName) {
        this.context = context;
        this.collector = collector;
        this.sampler = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "resource-metrics-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Behavior<Object> create(String nodeName, ContainerRuntime runtime, MetricsSettings settings) {
        return create(nodeName, UsageCollector.forRuntime(nodeName, runtime, settings.interval()), settings);
    }

    static Behavior<Object> create(String nodeName, UsageCollector collector, MetricsSettings settings) {
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            context.getSystem().receptionist().tell(Receptionist.register(ResourceMetrics.SERVICE_KEY,
                    context.getSelf().narrow()));
            timers.startTimerAtFixedRate(Tick.INSTANCE, settings.interval());
            context.getSelf().tell(Tick.INSTANCE); // a first sample now: rates need two
            return new ResourceMetricsService(context, collector, nodeName).behavior(timers);
        }));
    }

    private Behavior<Object> behavior(TimerScheduler<Object> timers) {
        return Behaviors.receive(Object.class)
                .onMessage(ResourceMetrics.Request.class, request -> {
                    request.replyTo().tell(latest);
                    return Behaviors.same();
                })
                .onMessageEquals(Tick.INSTANCE, () -> {
                    if (!sampling) {
                        sampling = true;
                        context.pipeToSelf(CompletableFuture.supplyAsync(collector::collect, sampler),
                                Sampled::new);
                    }
                    return Behaviors.same();
                })
                .onMessage(Sampled.class, sampled -> {
                    sampling = false;
                    if (sampled.failure() != null) {
                        context.getLog().warn("Sampling resource usage failed: {}", sampled.failure().toString());
                    } else {
                        latest = sampled.report();
                    }
                    return Behaviors.same();
                })
                .onSignal(org.apache.pekko.actor.typed.PostStop.class, stop -> {
                    sampler.shutdownNow();
                    return Behaviors.same();
                })
                .build();
    }
}
