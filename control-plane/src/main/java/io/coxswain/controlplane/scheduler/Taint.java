package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A node taint ({@code spec.taints[]}): pods that do not tolerate it are kept off or pushed away. */
public record Taint(String key, String value, String effect) {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    /** Kubernetes keeps cordoned nodes' pods off with this key (NodeUnschedulable checks for it). */
    public static final String UNSCHEDULABLE_KEY = "node.kubernetes.io/unschedulable";
    /** Put on a node whose Ready condition is False. */
    public static final String NOT_READY_KEY = "node.kubernetes.io/not-ready";
    /** Put on a node whose Ready condition is Unknown (the node stopped reporting). */
    public static final String UNREACHABLE_KEY = "node.kubernetes.io/unreachable";

    /** Whether pods that don't tolerate this taint must not be placed on its node. */
    public boolean forbidsScheduling() {
        return NO_SCHEDULE.equals(effect) || NO_EXECUTE.equals(effect);
    }

    static List<Taint> listOf(JsonNode taints) {
        List<Taint> result = new ArrayList<>();
        for (JsonNode taint : taints) {
            result.add(new Taint(taint.path("key").asText(""), taint.path("value").asText(""),
                    taint.path("effect").asText("")));
        }
        return List.copyOf(result);
    }
}
