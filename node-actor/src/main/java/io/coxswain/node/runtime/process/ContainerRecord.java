package io.coxswain.node.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runtime remembers of one container attempt, on disk as {@code container.json}: enough for a new runtime
 * instance to recognise the process (pid and kernel start time), exec into it (command, env, working directory)
 * and report it.
 *
 * @param pid        0 until launched; the launcher's pid, which is also the process group id
 * @param startTicks the process's start time in clock ticks since boot (/proc/&lt;pid&gt;/stat field 22), to tell our
 *                   process from a later one that got the same pid; -1 when it ended before it could be read
 */
record ContainerRecord(
        ContainerAttempt attempt,
        PodRef pod,
        String image,
        List<String> command,
        Map<String, String> env,
        String workingDirectory,
        long pid,
        long startTicks,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        String reason,
        String message) {

    ContainerRecord {
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    static ContainerRecord created(ContainerAttempt attempt, PodRef pod, String image, List<String> command,
            Map<String, String> env, String workingDirectory, Instant now) {
        return new ContainerRecord(attempt, pod, image, command, env, workingDirectory, 0, -1, now,
                null, null, null, null, null);
    }

    ContainerRecord started(long newPid, long newStartTicks, Instant at) {
        return new ContainerRecord(attempt, pod, image, command, env, workingDirectory, newPid, newStartTicks,
                createdAt, at, null, null, null, null);
    }

    ContainerRecord exited(int code, Instant at, String newReason, String newMessage) {
        return new ContainerRecord(attempt, pod, image, command, env, workingDirectory, pid, startTicks,
                createdAt, startedAt, at, code, newReason, newMessage);
    }

    boolean launched() {
        return pid > 0;
    }

    boolean finished() {
        return finishedAt != null;
    }

    /** Launched and not yet seen to end: whether it still runs is for the process table to say. */
    boolean mayBeRunning() {
        return launched() && !finished();
    }

    ProcessGroup processGroup() {
        return new ProcessGroup(pid, startTicks);
    }

    /** The status this record shows, given that a {@link #mayBeRunning()} record was checked against the process table. */
    ContainerStatus status() {
        ContainerState state = finished() ? ContainerState.EXITED
                : launched() ? ContainerState.RUNNING
                : ContainerState.CREATED;
        return new ContainerStatus(attempt.id(), pod, attempt.containerName(), attempt.attempt(), image, state,
                exitCode, startedAt, finishedAt, reason, message);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("podUid", attempt.podUid());
        json.put("containerName", attempt.containerName());
        json.put("attempt", attempt.attempt());
        json.put("namespace", pod.namespace());
        json.put("podName", pod.name());
        json.put("image", image);
        ArrayNode commandJson = json.putArray("command");
        command.forEach(commandJson::add);
        ObjectNode envJson = json.putObject("env");
        env.forEach(envJson::put);
        json.put("workingDirectory", workingDirectory);
        json.put("pid", pid);
        json.put("startTicks", startTicks);
        putInstant(json, "createdAt", createdAt);
        putInstant(json, "startedAt", startedAt);
        putInstant(json, "finishedAt", finishedAt);
        if (exitCode != null) {
            json.put("exitCode", exitCode);
        }
        if (reason != null) {
            json.put("reason", reason);
        }
        if (message != null) {
            json.put("message", message);
        }
        return json;
    }

    static ContainerRecord fromJson(JsonNode json) {
        ContainerAttempt attempt = new ContainerAttempt(
                json.path("podUid").asText(), json.path("containerName").asText(), json.path("attempt").asInt());
        PodRef pod = new PodRef(attempt.podUid(), json.path("namespace").asText(), json.path("podName").asText());
        List<String> command = new ArrayList<>();
        json.path("command").forEach(part -> command.add(part.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        json.path("env").fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        return new ContainerRecord(attempt, pod, json.path("image").asText(), command, env,
                json.path("workingDirectory").asText(), json.path("pid").asLong(), json.path("startTicks").asLong(-1),
                instant(json, "createdAt"), instant(json, "startedAt"), instant(json, "finishedAt"),
                json.hasNonNull("exitCode") ? json.get("exitCode").asInt() : null,
                json.hasNonNull("reason") ? json.get("reason").asText() : null,
                json.hasNonNull("message") ? json.get("message").asText() : null);
    }

    private static void putInstant(ObjectNode json, String field, Instant value) {
        if (value != null) {
            json.put(field, value.toString());
        }
    }

    private static Instant instant(JsonNode json, String field) {
        return json.hasNonNull(field) ? Instant.parse(json.get(field).asText()) : null;
    }
}
