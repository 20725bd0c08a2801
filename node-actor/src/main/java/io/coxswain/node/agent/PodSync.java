package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.events.PodEvents;
import io.coxswain.node.agent.probe.ProbeKind;
import io.coxswain.node.agent.probe.ProbeManager;
import io.coxswain.node.agent.probe.ProbeResult;
import io.coxswain.node.agent.probe.ProbeSpec;
import io.coxswain.node.agent.probe.ProbeTarget;
import io.coxswain.node.agent.volume.PodVolumes;
import io.coxswain.node.agent.volume.VolumeSetupException;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.protocol.events.EventObject;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.Conditions;
import io.coxswain.protocol.validation.FieldPath;
import io.coxswain.protocol.validation.UnsupportedPodFields;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of the pods bound to a node against what its runtime runs — the kubelet's
 * sync loop, level-triggered: it looks at desired and actual state afresh each time, so an agent
 * that restarts adopts the containers it finds and removes the ones no pod wants. Per pod: prepare
 * the sandbox and volumes, run the init containers one after the other, then keep the app containers
 * running as the restart policy says, restarting those whose liveness or startup probe failed.
 * Blocking (the runtime's calls are), so the agent runs it off the actor's thread.
 */
public final class PodSync {
    private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration BASE_BACKOFF = Duration.ofSeconds(10);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** The event reason for a part of the spec this agent does not carry out. */
    static final String NOT_SUPPORTED = "NotSupported";

    /** What the agent writes back: new pod statuses (merge patches) and pods to delete for good. */
    public record Outcome(Map<String, ObjectNode> statusPatches, List<ObjectNode> finished) {}

    /** The state of one pod's containers this round: the latest attempt of each, by container name. */
    private record PodContainers(ObjectNode pod, PodRef ref, SandboxHandle sandbox, Map<String, ContainerStatus> latest,
                                 Map<String, ContainerStatus> previous) {}

    private final ContainerRuntime runtime;
    private final Clock clock;
    private final NodeFacts node;
    private final PodVolumes volumes;
    private final ProbeManager probes;
    private final PodEvents events;
    private final ContainerStarter starter;
    /** Events already reported once per container attempt (BackOff, Killing), so a round does not repeat them. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private List<ProbeTarget> probeTargets = new ArrayList<>();
    private final Executor podWorkers;

    /** @param podWorkers where pods are synced, several at once (the runtime is safe to call from several threads) */
    public PodSync(ContainerRuntime runtime, Clock clock, NodeFacts node, ApiObjects objects, PodVolumes volumes,
                   ProbeManager probes, PodEvents events, Executor podWorkers) {
        this.podWorkers = podWorkers;
        this.runtime = runtime;
        this.clock = clock;
        this.node = node;
        this.volumes = volumes;
        this.probes = probes;
        this.events = events;
        this.starter = new ContainerStarter(runtime, events, node, objects);
    }

    public Outcome sync(List<ObjectNode> pods) {
        return sync(pods, (key, patch) -> { });
    }

    /**
     * As {@link #sync(List)}, telling {@code statusChanged} each new status (pod key, merge patch) as soon as its
     * pod is synced, so the agent can write it while the round goes on: a round that starts a hundred pods one
     * after the other takes seconds, and the first pod need not wait for the last.
     */
    public Outcome sync(List<ObjectNode> pods, BiConsumer<String, ObjectNode> statusChanged) {
        List<ContainerStatus> all = runtime.list();
        Map<String, Map<String, ContainerStatus>> latest = latestAttempts(all);
        Map<String, Map<String, ContainerStatus>> previous = previousAttempts(all, latest);
        for (ContainerStatus status : all) {
            // Keep the latest attempt and the one before (for logs --previous); older ones go, as the kubelet's GC does.
            ContainerStatus newest = latest.get(status.pod().uid()).get(status.containerName());
            if (status.attempt() < newest.attempt() - 1) {
                runtime.remove(status.id());
            }
        }
        Set<String> known = pods.stream().map(p -> Json.text(p, "metadata.uid")).collect(Collectors.toSet());
        for (String uid : Set.copyOf(latest.keySet())) {
            if (!known.contains(uid)) {
                stopAll(null, latest.get(uid).values(), ORPHAN_GRACE);
                runtime.removeSandbox(uid);
            }
        }
        // A pod deleted without this agent seeing its deletion (at once, while its node looked NotReady)
        // may have a sandbox and no container at all — one whose image never came, say.
        for (String uid : runtime.sandboxPodUids()) {
            if (!known.contains(uid) && !latest.containsKey(uid)) {
                runtime.removeSandbox(uid);
            }
        }
        Map<String, ObjectNode> patches = new LinkedHashMap<>();
        List<ObjectNode> finished = new ArrayList<>();
        Set<String> live = new HashSet<>();
        probeTargets = Collections.synchronizedList(new ArrayList<>());
        // Pods are synced side by side (a few at a time): starting a pod's containers is mostly waiting
        // on the runtime, and one slow pod (a long grace period, a big start) must not hold up the rest.
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (ObjectNode pod : pods) {
            String uid = Json.text(pod, "metadata.uid");
            Map<String, ContainerStatus> containers = latest.getOrDefault(uid, Map.of());
            if (pod.path("metadata").has("deletionTimestamp")) {
                Duration grace = Duration.ofSeconds(pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0));
                work.add(CompletableFuture.runAsync(() -> {
                    stopAll(pod, containers.values(), grace);
                    runtime.removeSandbox(uid);
                    synchronized (finished) {
                        finished.add(pod);
                    }
                }, podWorkers));
                continue;
            }
            live.add(uid);
            work.add(CompletableFuture.runAsync(() -> {
                ObjectNode status = syncPod(pod, containers, previous.getOrDefault(uid, Map.of()));
                if (!status.equals(pod.path("status"))) {
                    ObjectNode patch = Json.object();
                    patch.set("status", status);
                    String key = Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
                    synchronized (patches) {
                        patches.put(key, patch);
                        statusChanged.accept(key, patch);
                    }
                }
            }, podWorkers));
        }
        for (int i = 0; i < work.size(); i++) {
            try {
                work.get(i).join();
            } catch (CompletionException e) {
                // One pod's trouble is that pod's: the others' results stand, and the next round tries again.
                LOG.warn("syncing pod {} failed: {}", Json.text(pods.get(i), "metadata.name"), e.getCause().toString());
            }
        }
        probes.sync(probeTargets);
        volumes.removeAllExcept(live);
        starter.retainPods(live);
        reported.removeIf(key -> !live.contains(key.substring(0, key.indexOf('/'))));
        return new Outcome(patches, finished);
    }

    private void stopAll(ObjectNode pod, Iterable<ContainerStatus> containers, Duration grace) {
        for (ContainerStatus container : containers) {
            if (container.state() == ContainerState.RUNNING || container.state() == ContainerState.CREATED) {
                if (pod != null) {
                    events.record(pod, EventObject.NORMAL, "Killing", "Stopping container " + container.containerName());
                }
                runtime.stop(container.id(), grace);
            }
        }
    }

    /** Starts what should run, and says what the pod's status is now. */
    private ObjectNode syncPod(ObjectNode pod, Map<String, ContainerStatus> latest, Map<String, ContainerStatus> previous) {
        Instant now = clock.instant();
        PodRef ref = new PodRef(Json.text(pod, "metadata.uid"), Json.text(pod, "metadata.namespace"),
                Json.text(pod, "metadata.name"));
        SandboxHandle sandbox = runtime.createSandbox(new PodSandboxSpec(ref, emptyDirs(pod),
                pod.path("spec").path("shareProcessNamespace").asBoolean(false)));
        PodContainers state = new PodContainers(pod, ref, sandbox, latest, previous);
        ObjectNode status = pod.path("status").isObject() ? ((ObjectNode) pod.get("status")).deepCopy() : Json.object();
        status.put("hostIP", node.hostIp());
        status.putArray("hostIPs").addObject().put("ip", node.hostIp());
        status.put("podIP", sandbox.podIp());
        status.putArray("podIPs").addObject().put("ip", sandbox.podIp());
        if (!status.has("startTime")) {
            status.put("startTime", ContainerStatusJson.time(now));
        }
        status.put("qosClass", QosClass.of(pod));
        Conditions.set(status, "PodScheduled", true, "", "", now);

        for (UnsupportedPodFields.Unsupported unsupported : UnsupportedPodFields.inPodSpec(pod.path("spec"),
                FieldPath.root("spec"))) {
            reportOnce(ref.uid() + "/unsupported/" + unsupported.field(), pod, EventObject.WARNING, NOT_SUPPORTED,
                    unsupported.warning());
        }
        Map<String, Path> volumePaths;
        try {
            volumePaths = volumes.setUp(pod, sandbox, node.hostIp());
        } catch (VolumeSetupException e) {
            reportOnce(ref.uid() + "/volumes/" + e.getMessage(), pod, EventObject.WARNING, VolumeSetupException.REASON,
                    e.eventMessage());
            return waitingPod(status, pod, "ContainerCreating", now);
        }
        InitContainers init = new InitContainers(state, volumePaths, now);
        ArrayNode initStatuses = init.run();
        if (initStatuses.size() > 0) {
            status.set("initContainerStatuses", initStatuses);
        }
        if (!init.done()) {
            ObjectNode result = waitingPod(status, pod, "PodInitializing", now);
            Conditions.set(result, "Initialized", false, "ContainersNotInitialized",
                    "containers with incomplete status: " + init.incomplete(), now);
            result.put("phase", init.failed() ? "Failed" : "Pending");
            return result;
        }
        Conditions.set(status, "Initialized", true, "", "", now);
        return appContainers(state, status, volumePaths, now);
    }

    /** The init containers, one at a time, each to a successful exit, before any app container starts. */
    private final class InitContainers {
        private final PodContainers state;
        private final Map<String, Path> volumePaths;
        private final Instant now;
        private final List<String> incomplete = new ArrayList<>();
        private boolean failed;

        InitContainers(PodContainers state, Map<String, Path> volumePaths, Instant now) {
            this.state = state;
            this.volumePaths = volumePaths;
            this.now = now;
        }

        ArrayNode run() {
            ArrayNode statuses = Json.MAPPER.createArrayNode();
            JsonNode spec = state.pod().path("spec");
            // Once an app container has run, the pod was initialized: init containers are not run again.
            boolean appsStarted = false;
            for (JsonNode container : spec.path("containers")) {
                appsStarted |= state.latest().containsKey(container.path("name").asText());
            }
            String restartPolicy = spec.path("restartPolicy").asText("Always");
            boolean blocked = false;
            for (JsonNode container : spec.path("initContainers")) {
                String name = container.path("name").asText();
                ObjectNode status = statuses.addObject();
                status.setAll(ContainerStatusJson.base(name, container.path("image").asText()));
                ContainerStatus current = state.latest().get(name);
                if (appsStarted && current == null) {
                    continue;
                }
                if (blocked) {
                    ContainerStatusJson.waiting(status, "PodInitializing", "");
                    incomplete.add(name);
                    continue;
                }
                boolean exitedBadly = current != null && current.state() == ContainerState.EXITED
                        && ContainerStatusJson.exitCode(current) != 0;
                if (exitedBadly && restartPolicy.equals("Never")) {
                    describe(status, current, null, null);
                    failed = true;
                    blocked = true;
                    incomplete.add(name);
                    continue;
                }
                if (current == null || (exitedBadly && backoffOver(current, now))) {
                    int attempt = current == null ? 0 : current.attempt() + 1;
                    ContainerStatus before = current;
                    ContainerId started = starter.start(state.pod(), state.sandbox(), container, attempt, volumePaths,
                            status, now);
                    if (started == null) {
                        status.put("restartCount", before == null ? 0 : before.attempt());
                        blocked = true;
                        incomplete.add(name);
                        continue;
                    }
                    current = inspectOrNull(started);
                    if (current == null) {
                        ContainerStatusJson.waiting(status, "PodInitializing", "");
                        blocked = true;
                        incomplete.add(name);
                        continue;
                    }
                    describe(status, current, before, null);
                } else if (exitedBadly) {
                    describe(status, current, null, null);
                    backOff(state, status, current);
                } else {
                    describe(status, current, state.previous().get(name), null);
                }
                if (current.state() != ContainerState.EXITED || ContainerStatusJson.exitCode(current) != 0) {
                    blocked = true;
                    incomplete.add(name);
                }
            }
            return statuses;
        }

        boolean done() {
            return incomplete.isEmpty();
        }

        boolean failed() {
            return failed;
        }

        String incomplete() {
            return "[" + String.join(" ", incomplete) + "]";
        }
    }

    private ObjectNode appContainers(PodContainers state, ObjectNode status, Map<String, Path> volumePaths,
                                     Instant now) {
        ObjectNode pod = state.pod();
        String restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        List<String> unready = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            String name = container.path("name").asText();
            ContainerStatus current = state.latest().get(name);
            ObjectNode entry = statuses.addObject();
            entry.setAll(ContainerStatusJson.base(name, container.path("image").asText()));
            ContainerStatus previous = state.previous().get(name);
            if (current != null && current.isRunning() && probeFailed(current)) {
                restartUnhealthy(pod, container, current);
                current = inspectOrNull(current.id());
            }
            if (current == null || shouldRestart(current, restartPolicy, now)) {
                previous = current; // restarted now: the attempt that just ended is the previous one
                int attempt = current == null ? 0 : current.attempt() + 1;
                ContainerId started = starter.start(pod, state.sandbox(), container, attempt, volumePaths, entry, now);
                if (started == null) {
                    entry.put("restartCount", current == null ? 0 : current.attempt());
                    unready.add(name);
                    continue;
                }
                current = inspectOrNull(started);
                if (current == null) {
                    ContainerStatusJson.waiting(entry, "ContainerCreating", "");
                    unready.add(name);
                    continue;
                }
            }
            boolean ready = describe(entry, current, previous, container);
            if (current.state() == ContainerState.RUNNING) {
                running++;
                probeTargets.add(new ProbeTarget(pod, name, current.id(), current.startedAt() == null ? now
                        : current.startedAt(), state.sandbox().podIp(), ContainerSpecs.ports(container),
                        probesOf(container)));
            } else if (current.state() == ContainerState.EXITED) {
                boolean restarts = restartPolicy.equals("Always")
                        || (restartPolicy.equals("OnFailure") && ContainerStatusJson.exitCode(current) != 0);
                if (restarts) {
                    // Ended during this round with no back-off due, it stays shown terminated and is
                    // restarted next round; else it waits out its back-off.
                    if (!backoffOver(current, now)) {
                        entry.set("lastState", Json.object().set("terminated", ContainerStatusJson.terminated(
                                current, runtime.name())));
                        backOff(state, entry, current);
                    }
                } else if (ContainerStatusJson.exitCode(current) == 0) {
                    succeeded++;
                } else {
                    failed++;
                }
            }
            if (!ready) {
                unready.add(name);
            }
        }
        int total = pod.path("spec").path("containers").size();
        String phase;
        if (succeeded == total) {
            phase = "Succeeded";
        } else if (succeeded + failed == total) {
            phase = "Failed";
        } else if (running > 0 || succeeded + failed > 0 || hasRun(state.latest())) {
            phase = "Running";
        } else {
            phase = "Pending";
        }
        status.put("phase", phase);
        status.set("containerStatuses", statuses);
        boolean ready = unready.isEmpty();
        String unreadyMessage = "containers with unready status: [" + String.join(" ", unready) + "]";
        Conditions.set(status, "ContainersReady", ready, ready ? "" : "ContainersNotReady", unreadyMessage, now);
        Conditions.set(status, "Ready", ready, ready ? "" : "ContainersNotReady", unreadyMessage, now);
        return status;
    }

    /**
     * Fills a container's status from its latest attempt; says whether it is ready: running, started
     * (its startup probe, if any, passed) and passing its readiness probe, if any.
     *
     * @param spec the app container's spec, for its probes; null for an init container (never ready)
     */
    private boolean describe(ObjectNode entry, ContainerStatus current, ContainerStatus previous, JsonNode spec) {
        entry.put("containerID", runtime.name() + "://" + current.id().value());
        entry.put("restartCount", current.attempt());
        ObjectNode state = entry.putObject("state");
        if (previous != null && previous.state() == ContainerState.EXITED && current.state() != ContainerState.EXITED) {
            // Kubernetes keeps the last termination in lastState while the next attempt runs.
            entry.set("lastState", Json.object().set("terminated", ContainerStatusJson.terminated(previous,
                    runtime.name())));
        }
        if (current.state() == ContainerState.RUNNING) {
            state.putObject("running").put("startedAt", ContainerStatusJson.time(current.startedAt()));
            // A probe this agent cannot run (gRPC) counts as none, as the pod's NotSupported event says.
            boolean started = spec == null || ProbeSpec.of(spec, ProbeKind.STARTUP).isEmpty()
                    || probes.result(current.id(), ProbeKind.STARTUP) == ProbeResult.SUCCESS;
            boolean ready = spec != null && started && (ProbeSpec.of(spec, ProbeKind.READINESS).isEmpty()
                    || probes.result(current.id(), ProbeKind.READINESS) == ProbeResult.SUCCESS);
            entry.put("started", started);
            entry.put("ready", ready);
            return ready;
        }
        if (current.state() == ContainerState.EXITED) {
            state.set("terminated", ContainerStatusJson.terminated(current, runtime.name()));
        } else {
            state.putObject("waiting").put("reason", "ContainerCreating");
        }
        entry.put("started", false);
        entry.put("ready", false);
        return false;
    }

    private boolean probeFailed(ContainerStatus current) {
        return probes.result(current.id(), ProbeKind.LIVENESS) == ProbeResult.FAILURE
                || probes.result(current.id(), ProbeKind.STARTUP) == ProbeResult.FAILURE;
    }

    /** A container whose liveness (or startup) probe failed is killed; the restart policy brings it back. */
    private void restartUnhealthy(ObjectNode pod, JsonNode container, ContainerStatus current) {
        String which = probes.result(current.id(), ProbeKind.STARTUP) == ProbeResult.FAILURE ? "startup" : "liveness";
        events.record(pod, EventObject.NORMAL, "Killing", "Container " + current.containerName() + " failed "
                + which + " probe, will be restarted");
        long graceSeconds = pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_GRACE.toSeconds());
        runtime.stop(current.id(), Duration.ofSeconds(graceSeconds));
    }

    private static List<ProbeSpec> probesOf(JsonNode container) {
        List<ProbeSpec> specs = new ArrayList<>();
        for (ProbeKind kind : ProbeKind.values()) {
            ProbeSpec.of(container, kind).ifPresent(specs::add);
        }
        return specs;
    }

    /** The waiting state of a crashed container until its back-off ends, reported once per attempt as an event. */
    private void backOff(PodContainers state, ObjectNode entry, ContainerStatus current) {
        ContainerStatusJson.waiting(entry, "CrashLoopBackOff", "back-off " + backoff(current.attempt()).toSeconds()
                + "s restarting failed container=" + current.containerName() + " pod=" + state.ref().name() + "_"
                + state.ref().namespace() + "(" + state.ref().uid() + ")");
        entry.put("ready", false);
        entry.put("started", false);
        reportOnce(state.ref().uid() + "/backoff/" + current.id().value(), state.pod(), EventObject.WARNING, "BackOff",
                "Back-off restarting failed container " + current.containerName() + " in pod " + state.ref().name()
                        + "_" + state.ref().namespace() + "(" + state.ref().uid() + ")");
    }

    private void reportOnce(String key, ObjectNode pod, String type, String reason, String message) {
        if (reported.add(key)) {
            events.record(pod, type, reason, message);
        }
    }

    /** A pod whose containers cannot start yet: each waits with {@code reason}. */
    private static ObjectNode waitingPod(ObjectNode status, ObjectNode pod, String reason, Instant now) {
        ArrayNode statuses = status.putArray("containerStatuses");
        List<String> names = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            ObjectNode entry = statuses.addObject();
            entry.setAll(ContainerStatusJson.base(container.path("name").asText(), container.path("image").asText()));
            ContainerStatusJson.waiting(entry, reason, "");
            names.add(container.path("name").asText());
        }
        status.put("phase", "Pending");
        String message = "containers with unready status: [" + String.join(" ", names) + "]";
        Conditions.set(status, "ContainersReady", false, "ContainersNotReady", message, now);
        Conditions.set(status, "Ready", false, "ContainersNotReady", message, now);
        return status;
    }

    /**
     * The one container, not {@code list()}: listing reads every container's record, so starting a hundred pods in
     * one round would read ten thousand.
     */
    private ContainerStatus inspectOrNull(ContainerId id) {
        try {
            return runtime.inspect(id);
        } catch (ContainerNotFoundException e) {
            return null;
        }
    }

    private static boolean hasRun(Map<String, ContainerStatus> containers) {
        return containers.values().stream().anyMatch(c -> c.startedAt() != null);
    }

    private static boolean backoffOver(ContainerStatus current, Instant now) {
        if (backoff(current.attempt()).isZero()) {
            return true; // even if it finished after this round's "now" was taken
        }
        Instant finished = current.finishedAt() == null ? Instant.EPOCH : current.finishedAt();
        return !now.isBefore(finished.plus(backoff(current.attempt())));
    }

    private static boolean shouldRestart(ContainerStatus current, String restartPolicy, Instant now) {
        if (current.state() != ContainerState.EXITED) {
            return false;
        }
        boolean restarts = restartPolicy.equals("Always")
                || (restartPolicy.equals("OnFailure") && ContainerStatusJson.exitCode(current) != 0);
        return restarts && backoffOver(current, now);
    }

    /**
     * Kubernetes' crash back-off after attempt {@code attempt} (0 = the first run) exited: none after
     * the first (the kubelet restarts it at once and only then starts its back-off), then 10 s,
     * doubling per restart, at most 5 minutes.
     */
    static Duration backoff(int attempt) {
        if (attempt == 0) {
            return Duration.ZERO;
        }
        Duration backoff = BASE_BACKOFF;
        for (int i = 1; i < attempt && backoff.compareTo(MAX_BACKOFF) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static List<String> emptyDirs(ObjectNode pod) {
        List<String> names = new ArrayList<>();
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has("emptyDir")) {
                names.add(volume.path("name").asText());
            }
        }
        return names;
    }

    private static Map<String, Map<String, ContainerStatus>> latestAttempts(List<ContainerStatus> all) {
        Map<String, Map<String, ContainerStatus>> latest = new HashMap<>();
        for (ContainerStatus status : all) {
            latest.computeIfAbsent(status.pod().uid(), u -> new HashMap<>()).merge(status.containerName(), status,
                    (a, b) -> a.attempt() >= b.attempt() ? a : b);
        }
        return latest;
    }

    private static Map<String, Map<String, ContainerStatus>> previousAttempts(List<ContainerStatus> all,
            Map<String, Map<String, ContainerStatus>> latest) {
        Map<String, Map<String, ContainerStatus>> previous = new HashMap<>();
        for (ContainerStatus status : all) {
            ContainerStatus newest = latest.get(status.pod().uid()).get(status.containerName());
            if (status.attempt() == newest.attempt() - 1) {
                previous.computeIfAbsent(status.pod().uid(), u -> new HashMap<>()).put(status.containerName(), status);
            }
        }
        return previous;
    }
}
