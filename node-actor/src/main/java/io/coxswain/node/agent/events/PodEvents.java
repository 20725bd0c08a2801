package io.coxswain.node.agent.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the agent reports what happened to a pod (Pulled, Started, Killing, BackOff, Unhealthy, …). */
@FunctionalInterface
public interface PodEvents {
    /** @param type {@code Normal} or {@code Warning}; must not block (the agent calls it from its sync thread) */
    void record(ObjectNode pod, String type, String reason, String message);

    PodEvents NONE = (pod, type, reason, message) -> { };
}
