package io.coxswain.node.agent.probe;

import io.coxswain.node.agent.events.PodEvents;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.protocol.events.EventObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the probes of the running containers on their own schedule, off the sync loop (as the
 * kubelet's prober workers do), and keeps each probe's current result for the sync loop to act on:
 * a failed liveness or startup probe gets the container restarted, readiness decides {@code ready}.
 * Liveness and readiness wait until the startup probe (if any) has passed; a startup probe stops
 * once it has.
 */
public final class ProbeManager implements AutoCloseable {
    private record Key(ContainerId id, ProbeKind kind) {}

    private final Prober prober;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PodEvents events;
    private final Map<Key, Worker> workers = new ConcurrentHashMap<>();

    public ProbeManager(Prober prober, ScheduledExecutorService scheduler, Clock clock, PodEvents events) {
        this.prober = prober;
        this.scheduler = scheduler;
        this.clock = clock;
        this.events = events;
    }

    /** Probes exactly the given running containers from now on: starts workers for new ones, stops the rest. */
    public void sync(Collection<ProbeTarget> running) {
        Set<Key> wanted = new HashSet<>();
        for (ProbeTarget target : running) {
            Map<ProbeKind, Worker> ofContainer = new HashMap<>();
            for (ProbeSpec probe : target.probes()) {
                Key key = new Key(target.id(), probe.kind());
                wanted.add(key);
                ofContainer.put(probe.kind(), workers.computeIfAbsent(key, k -> start(target, probe)));
            }
            Worker startup = ofContainer.get(ProbeKind.STARTUP);
            ofContainer.values().forEach(w -> w.startup = startup);
        }
        workers.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().cancel();
                return true;
            }
            return false;
        });
    }

    /**
     * The probe's result: Kubernetes' initial one ({@link ProbeResult#initial}) until the probe has run, which is
     * also what a container without such a probe gets (callers look at the spec for whether it has one).
     */
    public ProbeResult result(ContainerId id, ProbeKind kind) {
        Worker worker = workers.get(new Key(id, kind));
        return worker == null ? ProbeResult.initial(kind) : worker.result;
    }

    private Worker start(ProbeTarget target, ProbeSpec probe) {
        Worker worker = new Worker(target, probe);
        Duration delay = Duration.between(clock.instant(), target.startedAt().plus(probe.initialDelay()));
        long delayMillis = Math.max(0, delay.toMillis());
        worker.future = scheduler.scheduleWithFixedDelay(worker::probeOnce, delayMillis, probe.period().toMillis(),
                TimeUnit.MILLISECONDS);
        return worker;
    }

    @Override
    public void close() {
        workers.values().forEach(Worker::cancel);
        workers.clear();
    }

    /** The state of one probe of one container attempt. */
    private final class Worker {
        private final ProbeTarget target;
        private final ProbeSpec probe;
        private volatile ProbeResult result;
        private volatile Worker startup;
        private volatile ScheduledFuture<?> future;
        private int successes;
        private int failures;

        Worker(ProbeTarget target, ProbeSpec probe) {
            this.target = target;
            this.probe = probe;
            this.result = ProbeResult.initial(probe.kind());
        }

        void probeOnce() {
            if (probe.kind() != ProbeKind.STARTUP && startup != null && startup.result != ProbeResult.SUCCESS) {
                return; // liveness and readiness begin once the container has started
            }
            if (probe.kind() != ProbeKind.READINESS && result == ProbeResult.FAILURE) {
                return; // the container is being restarted; a new attempt gets new workers
            }
            if (probe.kind() == ProbeKind.STARTUP && result == ProbeResult.SUCCESS) {
                cancel();
                return;
            }
            ProbeOutcome outcome;
            try {
                outcome = prober.run(probe, target.id(), target.podIp(), target.ports());
            } catch (RuntimeException e) {
                outcome = ProbeOutcome.failed(e.toString());
            }
            if (outcome.success()) {
                failures = 0;
                if (++successes >= probe.successThreshold()) {
                    result = ProbeResult.SUCCESS;
                }
            } else {
                successes = 0;
                events.record(target.pod(), EventObject.WARNING, "Unhealthy",
                        probe.kind().title() + " probe failed: " + outcome.message());
                if (++failures >= probe.failureThreshold()) {
                    result = ProbeResult.FAILURE;
                }
            }
        }

        void cancel() {
            ScheduledFuture<?> running = future;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
