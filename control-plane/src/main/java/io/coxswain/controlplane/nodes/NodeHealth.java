package io.coxswain.controlplane.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.scheduler.Taint;
import io.coxswain.controlplane.scheduler.Toleration;
import io.coxswain.protocol.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node lifecycle rules, as pure functions (Kubernetes' node lifecycle controller): a Ready
 * node whose heartbeat is older than the grace period becomes Unknown and is tainted
 * {@code node.kubernetes.io/unreachable} (NoSchedule and NoExecute); a node Ready again loses
 * those taints; pods on a NoExecute-tainted node are evicted once they no longer tolerate it.
 */
public final class NodeHealth {
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";

    private NodeHealth() {}

    /** The Ready condition's status ("True", "False", "Unknown"), or "" when the node has none. */
    public static String ready(JsonNode node) {
        JsonNode condition = readyCondition(node);
        return condition == null ? "" : condition.path("status").asText("");
    }

    static JsonNode readyCondition(JsonNode node) {
        for (JsonNode condition : node.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return null;
    }

    /** True when the node claims Ready but has not said so for longer than {@code grace}. */
    public static boolean heartbeatExpired(JsonNode node, Instant now, Duration grace) {
        return heartbeatExpired(node, now, grace, Instant.MIN);
    }

    /**
     * True when the node claims Ready but has said it is alive neither in its status
     * ({@code lastHeartbeatTime} of Ready) nor through a lease ({@code lastRenewal}) for longer
     * than {@code grace}: either sign of life keeps it Ready, as Kubernetes counts both.
     */
    public static boolean heartbeatExpired(JsonNode node, Instant now, Duration grace, Instant lastRenewal) {
        JsonNode condition = readyCondition(node);
        if (condition == null || !"True".equals(condition.path("status").asText())) {
            return false;
        }
        String heartbeat = condition.path("lastHeartbeatTime").asText("");
        if (heartbeat.isEmpty()) {
            return false;
        }
        Instant latest = Instant.parse(heartbeat);
        if (lastRenewal.isAfter(latest)) {
            latest = lastRenewal;
        }
        return latest.plus(grace).isBefore(now);
    }

    /** The merge patch (of the whole node) that marks it Unknown and tainted unreachable. */
    public static ObjectNode markUnreachable(JsonNode node, Instant now) {
        ObjectNode patch = Json.object();
        ArrayNode conditions = Json.child(patch, "status").putArray("conditions");
        String timestamp = now.toString();
        for (JsonNode existing : node.path("status").path("conditions")) {
            ObjectNode condition = existing.deepCopy();
            condition.put("status", "Unknown");
            condition.put("reason", "NodeStatusUnknown");
            condition.put("message", "Kubelet stopped posting node status.");
            condition.put("lastTransitionTime", timestamp);
            conditions.add(condition);
        }
        return patch;
    }

    /** The spec merge patch setting the taints for the node's Ready state, or empty when they are right. */
    public static Optional<ObjectNode> taintsFor(JsonNode node, Instant now) {
        boolean unreachable = "Unknown".equals(ready(node));
        boolean notReady = "False".equals(ready(node));
        List<JsonNode> kept = new ArrayList<>();
        boolean hasUnreachable = false;
        boolean hasNotReady = false;
        for (JsonNode taint : node.path("spec").path("taints")) {
            String key = taint.path("key").asText();
            if (key.equals(UNREACHABLE)) {
                hasUnreachable = true;
                if (unreachable) {
                    kept.add(taint);
                }
            } else if (key.equals(NOT_READY)) {
                hasNotReady = true;
                if (notReady) {
                    kept.add(taint);
                }
            } else {
                kept.add(taint);
            }
        }
        boolean change = unreachable != hasUnreachable || notReady != hasNotReady;
        if (!change) {
            return Optional.empty();
        }
        ObjectNode patch = Json.object();
        ArrayNode taints = Json.child(patch, "spec").putArray("taints");
        kept.forEach(t -> taints.add(t.deepCopy()));
        if (unreachable && !hasUnreachable) {
            addTaints(taints, UNREACHABLE, now);
        }
        if (notReady && !hasNotReady) {
            addTaints(taints, NOT_READY, now);
        }
        if (taints.isEmpty()) {
            ((ObjectNode) patch.get("spec")).putNull("taints"); // no taints left: no field, as Kubernetes shows it
        }
        return Optional.of(patch);
    }

    private static void addTaints(ArrayNode taints, String key, Instant now) {
        taints.addObject().put("key", key).put("effect", "NoSchedule").put("timeAdded", now.toString());
        taints.addObject().put("key", key).put("effect", "NoExecute").put("timeAdded", now.toString());
    }

    /**
     * When a pod on {@code node} must be evicted: now for a NoExecute taint it does not tolerate,
     * after {@code tolerationSeconds} from the taint's {@code timeAdded} when it tolerates it for
     * a while, never when it tolerates it for good. Empty: not to be evicted.
     */
    public static Optional<Instant> evictionTime(JsonNode pod, JsonNode node) {
        Optional<Instant> earliest = Optional.empty();
        for (JsonNode taint : node.path("spec").path("taints")) {
            if (!"NoExecute".equals(taint.path("effect").asText())) {
                continue;
            }
            Instant added = taint.has("timeAdded") ? Instant.parse(taint.path("timeAdded").asText()) : Instant.EPOCH;
            Optional<Instant> due = dueFor(pod, taint, added);
            if (due.isPresent() && (earliest.isEmpty() || due.get().isBefore(earliest.get()))) {
                earliest = due;
            }
        }
        return earliest;
    }

    private static Optional<Instant> dueFor(JsonNode pod, JsonNode taint, Instant added) {
        Taint nodeTaint = new Taint(taint.path("key").asText(""), taint.path("value").asText(""),
                taint.path("effect").asText(""));
        for (JsonNode toleration : pod.path("spec").path("tolerations")) {
            if (Toleration.of(toleration).tolerates(nodeTaint)) {
                if (!toleration.has("tolerationSeconds") || toleration.get("tolerationSeconds").isNull()) {
                    return Optional.empty();
                }
                return Optional.of(added.plusSeconds(Math.max(0, toleration.path("tolerationSeconds").asLong())));
            }
        }
        return Optional.of(added);
    }
}
