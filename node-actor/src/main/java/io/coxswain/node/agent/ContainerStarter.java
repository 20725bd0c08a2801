package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.env.ContainerEnvironment;
import io.coxswain.node.agent.events.PodEvents;
import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.protocol.events.EventObject;
import io.coxswain.protocol.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Starts one attempt of a container, and when that fails says how, as the kubelet would:
 * {@code ErrImagePull} then {@code ImagePullBackOff} for a missing image, {@code RunContainerError}
 * (or the runtime's own reason) for a container that cannot start, {@code CreateContainerConfigError}
 * for a spec naming what does not exist. Failed pulls and starts are retried after Kubernetes'
 * back-off (10 s doubling to 5 min); config errors every round, so a ConfigMap created later is
 * picked up at once. Each failure is reported once as an event, not every round.
 */
final class ContainerStarter {
    /** The last failed start of a container (pod uid + name): how often in a row, when, and why. */
    private record Failure(int count, Instant at, String reason, String message) {}

    private final ContainerRuntime runtime;
    private final PodEvents events;
    private final NodeFacts node;
    private final ApiObjects objects;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    ContainerStarter(ContainerRuntime runtime, PodEvents events, NodeFacts node, ApiObjects objects) {
        this.runtime = runtime;
        this.events = events;
        this.node = node;
        this.objects = objects;
    }

    /**
     * Starts attempt {@code attempt} of {@code container} unless it is backing off.
     *
     * @param waitingStatus filled with the waiting state when the container did not start
     * @return the started attempt, or null when it did not start
     */
    ContainerId start(ObjectNode pod, SandboxHandle sandbox, JsonNode container, int attempt,
                  Map<String, Path> volumes, ObjectNode waitingStatus, Instant now) {
        String name = container.path("name").asText();
        String image = container.path("image").asText();
        String key = Json.text(pod, "metadata.uid") + "/" + name;
        Failure last = failures.get(key);
        // A start that failed is retried after 10 s, 20 s, … (the back-off after exited attempt 1, 2, …).
        if (last != null && last.count() > 0 && now.isBefore(last.at().plus(PodSync.backoff(last.count())))) {
            if (last.reason().equals("ErrImagePull")) {
                ContainerStatusJson.waiting(waitingStatus, "ImagePullBackOff", "Back-off pulling image \"" + image
                        + "\"");
            } else {
                ContainerStatusJson.waiting(waitingStatus, last.reason(), last.message());
            }
            return null;
        }
        ContainerHandle started;
        try {
            Map<String, String> env = new ContainerEnvironment(objects, pod, sandbox.podIp(), node.hostIp(),
                    node.cpuMillis(), node.memoryBytes()).resolve(container);
            started = runtime.startContainer(sandbox, ContainerSpecs.of(container, env, volumes), attempt);
        } catch (ContainerConfigException e) {
            fail(pod, key, new Failure(0, now, ContainerConfigException.REASON, e.getMessage()), waitingStatus,
                    "Error: " + e.getMessage());
            return null;
        } catch (ApiObjects.ApiObjectsUnavailableException e) {
            ContainerStatusJson.waiting(waitingStatus, "ContainerCreating", "");
            return null;
        } catch (ImagePullException e) {
            int count = last == null ? 1 : last.count() + 1;
            String message = e.getMessage();
            if (!sameAsBefore(last, "ErrImagePull", message)) {
                events.record(pod, EventObject.WARNING, "Failed", "Failed to pull image \"" + image + "\": "
                        + message);
            }
            fail(pod, key, new Failure(count, now, "ErrImagePull", message), waitingStatus, "Error: ErrImagePull");
            return null;
        } catch (ContainerRuntimeException e) {
            int count = last == null ? 1 : last.count() + 1;
            // Kubernetes shows a container whose process could not be started as RunContainerError.
            String reason = e.reason().equals(ContainerStartException.START_ERROR)
                    ? ContainerStartException.RUN_CONTAINER_ERROR : e.reason();
            fail(pod, key, new Failure(count, now, reason, e.getMessage()), waitingStatus, "Error: " + e.getMessage());
            return null;
        }
        failures.remove(key);
        events.record(pod, EventObject.NORMAL, started.image().reason(), started.image().message());
        events.record(pod, EventObject.NORMAL, "Created", "Created container " + name);
        events.record(pod, EventObject.NORMAL, "Started", "Started container " + name);
        return started.id();
    }

    private void fail(ObjectNode pod, String key, Failure failure, ObjectNode waitingStatus, String eventMessage) {
        Failure before = failures.put(key, failure);
        ContainerStatusJson.waiting(waitingStatus, failure.reason(), failure.message());
        if (!sameAsBefore(before, failure.reason(), failure.message()) || failure.count() > 0) {
            events.record(pod, EventObject.WARNING, "Failed", eventMessage);
        }
    }

    private static boolean sameAsBefore(Failure before, String reason, String message) {
        return before != null && before.reason().equals(reason) && before.message().equals(message);
    }

    /** Forgets the failures of pods no longer on this node. */
    void retainPods(Set<String> podUids) {
        failures.keySet().removeIf(key -> !podUids.contains(key.substring(0, key.indexOf('/'))));
    }
}
