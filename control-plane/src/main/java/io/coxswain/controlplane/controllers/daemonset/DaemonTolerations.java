package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.scheduler.Taint;
import io.coxswain.protocol.json.Json;
import java.util.List;

/**
 * The tolerations every daemon pod gets (Kubernetes' {@code util.AddOrUpdateDaemonPodTolerations}):
 * a daemon belongs on its node whatever the node's condition, so node-lifecycle taints neither keep
 * it off nor evict it (NoExecute without {@code tolerationSeconds}: forever), and a cordoned node
 * still runs its daemons.
 */
final class DaemonTolerations {

    static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

    private static final List<ObjectNode> ALWAYS = List.of(
            exists(Taint.NOT_READY_KEY, Taint.NO_EXECUTE),
            exists(Taint.UNREACHABLE_KEY, Taint.NO_EXECUTE),
            exists(DISK_PRESSURE, Taint.NO_SCHEDULE),
            exists(MEMORY_PRESSURE, Taint.NO_SCHEDULE),
            exists(PID_PRESSURE, Taint.NO_SCHEDULE),
            exists(Taint.UNSCHEDULABLE_KEY, Taint.NO_SCHEDULE));
    /** Host-network pods don't need the pod network, so they may start before it is up. */
    private static final ObjectNode HOST_NETWORK = exists(NETWORK_UNAVAILABLE, Taint.NO_SCHEDULE);

    private DaemonTolerations() {}

    /** Adds the daemon tolerations to a pod spec, replacing a template's toleration of the same taint. */
    static void addTo(ObjectNode podSpec) {
        ALWAYS.forEach(toleration -> addOrUpdate(podSpec, toleration));
        if (podSpec.path("hostNetwork").asBoolean(false)) {
            addOrUpdate(podSpec, HOST_NETWORK);
        }
    }

    /**
     * Kubernetes' {@code AddOrUpdateTolerationInPodSpec}: a toleration with the same key, operator,
     * value and effect is replaced (so a template's {@code tolerationSeconds} on not-ready gives way
     * to "forever"); otherwise the toleration is appended.
     */
    private static void addOrUpdate(ObjectNode podSpec, ObjectNode toleration) {
        ArrayNode tolerations = podSpec.get("tolerations") instanceof ArrayNode list ? list : podSpec.putArray("tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            if (sameTaintMatch(tolerations.get(i), toleration)) {
                tolerations.set(i, toleration.deepCopy());
                return;
            }
        }
        tolerations.add(toleration.deepCopy());
    }

    private static boolean sameTaintMatch(JsonNode a, JsonNode b) {
        return List.of("key", "operator", "value", "effect").stream()
                .allMatch(field -> a.path(field).asText("").equals(b.path(field).asText("")));
    }

    private static ObjectNode exists(String key, String effect) {
        ObjectNode toleration = Json.object();
        toleration.put("key", key);
        toleration.put("operator", "Exists");
        toleration.put("effect", effect);
        return toleration;
    }
}
