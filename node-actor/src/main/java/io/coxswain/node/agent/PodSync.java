package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.protocol.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One reconciliation of the pods bound to a node against what its runtime runs — the kubelet's
 * sync loop, level-triggered: it looks at desired and actual state afresh each time, so an agent
 * that restarts adopts the containers it finds and removes the ones no pod wants. Blocking (the
 * runtime's calls are), so the agent runs it off the actor's thread.
 */
public final class PodSync {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration BASE_BACKOFF = Duration.ofSeconds(10);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);

    /** What the agent writes back: new pod statuses (merge patches) and pods to delete for good. */
    public record Outcome(Map<String, ObjectNode> statusPatches, List<ObjectNode> finished) {}

    private final ContainerRuntime runtime;
    private final Clock clock;
    private final String hostIp;
    /** The attempt before the latest of each container (pod uid → container → status), for lastState. */
    private Map<String, Map<String, ContainerStatus>> previousAttempts = Map.of();

    public PodSync(ContainerRuntime runtime, Clock clock, String hostIp) {
        this.runtime = runtime;
        this.clock = clock;
        this.hostIp = hostIp;
    }

    public Outcome sync(List<ObjectNode> pods) {
        return sync(pods, (key, patch) -> { });
    }

    /**
     * As {@link #sync(List)}, telling {@code statusChanged} each new status (pod key, merge patch) as soon as its
     * pod is synced, so the agent can write it while the round goes on: a round that starts a hundred pods one
     * after the other takes seconds, and the first pod need not wait for the last.
     */
    public Outcome sync(List<ObjectNode> pods, java.util.function.BiConsumer<String, ObjectNode> statusChanged) {
        List<ContainerStatus> all = runtime.list();
        Map<String, Map<String, ContainerStatus>> latest = latestAttempts(all);
        previousAttempts = previousAttempts(all);
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
                stopAll(latest.get(uid).values(), ORPHAN_GRACE);
                runtime.removeSandbox(uid);
            }
        }
        Map<String, ObjectNode> patches = new LinkedHashMap<>();
        List<ObjectNode> finished = new ArrayList<>();
        for (ObjectNode pod : pods) {
            String uid = Json.text(pod, "metadata.uid");
            Map<String, ContainerStatus> containers = latest.getOrDefault(uid, Map.of());
            if (pod.path("metadata").has("deletionTimestamp")) {
                Duration grace = Duration.ofSeconds(pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0));
                stopAll(containers.values(), grace);
                runtime.removeSandbox(uid);
                finished.add(pod);
                continue;
            }
            ObjectNode status = syncPod(pod, containers);
            if (!status.equals(pod.path("status"))) {
                ObjectNode patch = Json.object();
                patch.set("status", status);
                String key = Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
                patches.put(key, patch);
                statusChanged.accept(key, patch);
            }
        }
        return new Outcome(patches, finished);
    }

    private void stopAll(Iterable<ContainerStatus> containers, Duration grace) {
        for (ContainerStatus container : containers) {
            if (container.state() == ContainerState.RUNNING || container.state() == ContainerState.CREATED) {
                runtime.stop(container.id(), grace);
            }
        }
    }

    /** Starts what should run, and says what the pod's status is now. */
    private ObjectNode syncPod(ObjectNode pod, Map<String, ContainerStatus> containers) {
        Instant now = clock.instant();
        PodRef ref = new PodRef(Json.text(pod, "metadata.uid"), Json.text(pod, "metadata.namespace"),
                Json.text(pod, "metadata.name"));
        SandboxHandle sandbox = runtime.createSandbox(new PodSandboxSpec(ref, emptyDirs(pod)));
        String restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        int waiting = 0;
        for (JsonNode container : pod.path("spec").path("containers")) {
            String name = container.path("name").asText();
            ContainerStatus current = containers.get(name);
            ObjectNode status = statuses.addObject();
            status.put("name", name);
            status.put("image", container.path("image").asText());
            status.put("imageID", "");
            ContainerStatus previous = previousAttempts.getOrDefault(ref.uid(), Map.of()).get(name);
            if (current == null || shouldRestart(current, restartPolicy, now)) {
                previous = current; // restarted now: the attempt that just ended is the previous one
                int attempt = current == null ? 0 : current.attempt() + 1;
                try {
                    ContainerHandle started = runtime.startContainer(sandbox, spec(container, sandbox), attempt);
                    // The one container, not list(): listing reads every container's record, so starting
                    // a hundred pods in one round would read ten thousand (the startup benchmark saw 10 s).
                    current = inspectOrNull(started.id());
                } catch (ImagePullException e) {
                    waiting(status, current == null ? 0 : current.attempt(), "ErrImagePull", e.getMessage());
                    waiting++;
                    continue;
                } catch (ContainerRuntimeException e) {
                    waiting(status, current == null ? 0 : current.attempt(), e.reason(), e.getMessage());
                    waiting++;
                    continue;
                }
            }
            if (current == null) {
                waiting(status, 0, "ContainerCreating", "");
                waiting++;
                continue;
            }
            status.put("containerID", runtime.name() + "://" + current.id().value());
            status.put("restartCount", current.attempt());
            ObjectNode state = status.putObject("state");
            if (previous != null && previous.state() == ContainerState.EXITED
                    && current.state() != ContainerState.EXITED) {
                // Kubernetes keeps the last termination in lastState while the next attempt runs.
                status.putObject("lastState").set("terminated", terminated(previous));
            }
            if (current.state() == ContainerState.RUNNING) {
                state.putObject("running").put("startedAt", time(current.startedAt()));
                status.put("ready", true);
                status.put("started", true);
                running++;
            } else if (current.state() == ContainerState.EXITED) {
                ObjectNode terminated = terminated(current);
                boolean restarts = restartPolicy.equals("Always")
                        || (restartPolicy.equals("OnFailure") && exitCode(current) != 0);
                if (restarts) {
                    state.putObject("waiting").put("reason", "CrashLoopBackOff").put("message", "back-off "
                            + backoff(current.attempt()).toSeconds() + "s restarting failed container=" + name
                            + " pod=" + ref.name() + "_" + ref.namespace() + "(" + ref.uid() + ")");
                    status.putObject("lastState").set("terminated", terminated);
                    waiting++;
                } else {
                    state.set("terminated", terminated);
                    if (exitCode(current) == 0) {
                        succeeded++;
                    } else {
                        failed++;
                    }
                }
                status.put("ready", false);
                status.put("started", false);
            } else {
                state.putObject("waiting").put("reason", "ContainerCreating");
                status.put("ready", false);
                status.put("started", false);
                waiting++;
            }
        }
        int total = pod.path("spec").path("containers").size();
        ObjectNode status = pod.path("status").isObject() ? ((ObjectNode) pod.get("status")).deepCopy() : Json.object();
        String phase;
        if (running == total) {
            phase = "Running";
        } else if (succeeded == total) {
            phase = "Succeeded";
        } else if (succeeded + failed == total) {
            phase = "Failed";
        } else if (running > 0 || succeeded + failed > 0 || hasRun(containers)) {
            phase = "Running";
        } else {
            phase = "Pending";
        }
        status.put("phase", phase);
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        status.put("podIP", sandbox.podIp());
        status.putArray("podIPs").addObject().put("ip", sandbox.podIp());
        if (!status.has("startTime")) {
            status.put("startTime", time(now));
        }
        status.put("qosClass", "BestEffort");
        status.set("containerStatuses", statuses);
        boolean ready = running == total;
        setCondition(status, "Initialized", "True", now);
        setCondition(status, "ContainersReady", ready ? "True" : "False", now);
        setCondition(status, "Ready", ready ? "True" : "False", now);
        setCondition(status, "PodScheduled", "True", now);
        return status;
    }

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

    private boolean shouldRestart(ContainerStatus current, String restartPolicy, Instant now) {
        if (current.state() != ContainerState.EXITED) {
            return false;
        }
        boolean restarts = restartPolicy.equals("Always")
                || (restartPolicy.equals("OnFailure") && exitCode(current) != 0);
        if (!restarts) {
            return false;
        }
        Instant finished = current.finishedAt() == null ? Instant.EPOCH : current.finishedAt();
        return !now.isBefore(finished.plus(backoff(current.attempt())));
    }

    /** Kubernetes' crash back-off: 10 s, doubling per restart, at most 5 minutes. */
    static Duration backoff(int attempt) {
        Duration backoff = BASE_BACKOFF;
        for (int i = 0; i < attempt && backoff.compareTo(MAX_BACKOFF) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static int exitCode(ContainerStatus status) {
        return status.exitCode() == null ? 137 : status.exitCode();
    }

    private ObjectNode terminated(ContainerStatus current) {
        ObjectNode terminated = Json.object();
        terminated.put("exitCode", exitCode(current));
        String reason = current.reason() == null || current.reason().isEmpty()
                ? (exitCode(current) == 0 ? "Completed" : "Error") : current.reason();
        terminated.put("reason", reason);
        if (current.startedAt() != null) {
            terminated.put("startedAt", time(current.startedAt()));
        }
        if (current.finishedAt() != null) {
            terminated.put("finishedAt", time(current.finishedAt()));
        }
        terminated.put("containerID", runtime.name() + "://" + current.id().value());
        return terminated;
    }

    private static void waiting(ObjectNode status, int restarts, String reason, String message) {
        status.put("ready", false);
        status.put("started", false);
        status.put("restartCount", restarts);
        ObjectNode waiting = status.putObject("state").putObject("waiting");
        waiting.put("reason", reason);
        if (message != null && !message.isEmpty()) {
            waiting.put("message", message);
        }
    }

    private static void setCondition(ObjectNode status, String type, String value, Instant now) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode list ? list : status.putArray("conditions");
        for (JsonNode existing : conditions) {
            if (type.equals(existing.path("type").asText())) {
                ObjectNode condition = (ObjectNode) existing;
                if (!value.equals(condition.path("status").asText())) {
                    condition.put("status", value);
                    condition.put("lastTransitionTime", time(now));
                }
                return;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", value);
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime", time(now));
    }

    private static ContainerSpec spec(JsonNode container, SandboxHandle sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        List<String> command = new ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        if (command.isEmpty()) {
            // No command: the image's entrypoint runs the args. Our local images (busybox) have none,
            // so the args are the command, as `kubectl run IMAGE -- sh -c …` expects.
            command.addAll(args);
            args.clear();
        }
        return new ContainerSpec(container.path("name").asText(), container.path("image").asText(), command, args,
                env, container.path("workingDir").asText(""), List.of(), null, List.of());
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

    private static Map<String, Map<String, ContainerStatus>> previousAttempts(List<ContainerStatus> all) {
        Map<String, Map<String, ContainerStatus>> latest = latestAttempts(all);
        Map<String, Map<String, ContainerStatus>> previous = new HashMap<>();
        for (ContainerStatus status : all) {
            ContainerStatus newest = latest.get(status.pod().uid()).get(status.containerName());
            if (status.attempt() == newest.attempt() - 1) {
                previous.computeIfAbsent(status.pod().uid(), u -> new HashMap<>()).put(status.containerName(), status);
            }
        }
        return previous;
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
