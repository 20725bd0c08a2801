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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wires the sync loop of one node: its runtime, the masters' objects and events, volumes and probes. */
public final class PodSyncs {
    /** Probes run on a few threads of their own: a slow probe (up to its timeout) must not hold up others. */
    private static final int PROBE_THREADS = 4;

    private PodSyncs() {}

    public static PodSync forNode(NodeDescription node, ContainerRuntime runtime, EntityClient entities,
                                  NodeSettings settings, String hostIp) {
        Clock clock = Clock.systemUTC();
        PodEvents events = new EntityPodEvents(entities, node.name(), clock);
        ApiObjects objects = new EntityApiObjects(entities, settings.askTimeout());
        ScheduledExecutorService probeThreads = Executors.newScheduledThreadPool(PROBE_THREADS, r -> {
            Thread thread = new Thread(r, "probes-" + node.name());
            thread.setDaemon(true);
            return thread;
        });
        ProbeManager probes = new ProbeManager(new Prober(runtime), probeThreads, clock, events);
        PodVolumes volumes = new PodVolumes(Path.of(settings.runtimeRoot(), node.name(), "volumes").toAbsolutePath(),
                objects);
        NodeFacts facts = new NodeFacts(hostIp, Quantities.milliValue(node.cpu()), Quantities.value(node.memory()));
        return new PodSync(runtime, clock, facts, objects, volumes, probes, events);
    }
}
