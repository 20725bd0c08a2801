package io.coxswain.node.agent;

import io.coxswain.node.agent.events.EntityPodEvents;
import io.coxswain.node.agent.events.PodEvents;
import io.coxswain.node.agent.probe.ProbeManager;
import io.coxswain.node.agent.probe.Prober;
import io.coxswain.node.agent.volume.PodVolumes;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.protocol.quantity.Quantities;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the sync loops of the nodes one worker JVM serves (its own, or many simulated ones): each
 * with its runtime, volumes and probes, all sharing the JVM's link to the masters and a few probe
 * threads.
 */
public final class PodSyncs {
    /** Probes run on threads of their own: a slow probe (up to its timeout) must not hold up the sync loop. */
    private static final int PROBE_THREADS = 4;

    private final EntityClient entities;
    private final NodeSettings settings;
    private final ApiObjects objects;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService probeThreads = Executors.newScheduledThreadPool(PROBE_THREADS, r -> {
        Thread thread = new Thread(r, "probes");
        thread.setDaemon(true);
        return thread;
    });

    /** Pods synced at once ({@code coxswain.node.pod-workers}): starting one is mostly waiting on the runtime. */
    private final ExecutorService podThreads;

    public PodSyncs(EntityClient entities, NodeSettings settings) {
        this.entities = entities;
        this.settings = settings;
        this.podThreads = Executors.newFixedThreadPool(settings.podWorkers(), r -> {
            Thread thread = new Thread(r, "pod-sync-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.objects = new EntityApiObjects(entities, settings.askTimeout());
    }

    /** The sync loop of {@code node}'s pods on {@code runtime}; {@code hostIp} is what pods see as their host. */
    public PodSync forNode(NodeDescription node, ContainerRuntime runtime, String hostIp) {
        PodEvents events = new EntityPodEvents(entities, node.name(), clock);
        ProbeManager probes = new ProbeManager(new Prober(runtime), probeThreads, clock, events);
        PodVolumes volumes = new PodVolumes(Path.of(settings.runtimeRoot(), node.name(), "volumes").toAbsolutePath(),
                objects);
        NodeFacts facts = new NodeFacts(hostIp, Quantities.milliValue(node.cpu()), Quantities.value(node.memory()));
        return new PodSync(runtime, clock, facts, objects, volumes, probes, events, podThreads);
    }
}
