package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cluster IPs of Services. Drawn at random from 10.96.0.0/12 (Kubernetes' default service range):
 * with a million addresses a clash is unlikely at this cluster's scale; an allocator that
 * guarantees uniqueness belongs with the service proxy.
 */
final class ServiceAddresses {
    private ServiceAddresses() {}

    static void assignClusterIp(ResourceType type, ObjectNode object) {
        if (!"Service".equals(type.kind())) {
            return;
        }
        ObjectNode spec = Json.child(object, "spec");
        if ("ExternalName".equals(spec.path("type").asText())) {
            return;
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.isEmpty()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int offset = random.nextInt(1, (1 << 20) - 1);
            String ip = "10." + (96 + (offset >> 16)) + "." + ((offset >> 8) & 0xff) + "." + (offset & 0xff);
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        } else if (!spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(requested);
        }
        assignNodePorts(spec);
    }

    /**
     * NodePort and LoadBalancer services get a node port per service port from Kubernetes'
     * default range 30000–32767, drawn at random like the cluster IP.
     */
    private static void assignNodePorts(ObjectNode spec) {
        String serviceType = spec.path("type").asText();
        if (!serviceType.equals("NodePort") && !serviceType.equals("LoadBalancer")) {
            return;
        }
        if (spec.get("ports") instanceof com.fasterxml.jackson.databind.node.ArrayNode ports) {
            for (var node : ports) {
                if (node instanceof ObjectNode port && port.path("nodePort").asInt(0) == 0) {
                    port.put("nodePort", ThreadLocalRandom.current().nextInt(30000, 32768));
                }
            }
        }
    }

    /** An update that leaves the cluster IP out keeps the one allocated. */
    static void keepClusterIp(ResourceType type, ObjectNode current, ObjectNode next) {
        if (!"Service".equals(type.kind())) {
            return;
        }
        ObjectNode spec = Json.child(next, "spec");
        if (current.path("spec").get("ports") instanceof com.fasterxml.jackson.databind.node.ArrayNode oldPorts
                && spec.get("ports") instanceof com.fasterxml.jackson.databind.node.ArrayNode newPorts) {
            // An update that leaves a node port out keeps the one allocated for the same port.
            for (var node : newPorts) {
                if (node instanceof ObjectNode port && port.path("nodePort").asInt(0) == 0) {
                    for (var old : oldPorts) {
                        if (old.path("port").asInt() == port.path("port").asInt() && old.has("nodePort")) {
                            port.set("nodePort", old.get("nodePort").deepCopy());
                        }
                    }
                }
            }
            assignNodePorts(spec);
        }
        if (spec.path("clusterIP").asText("").isEmpty() && current.path("spec").has("clusterIP")) {
            spec.set("clusterIP", current.path("spec").get("clusterIP").deepCopy());
            if (current.path("spec").has("clusterIPs")) {
                spec.set("clusterIPs", current.path("spec").get("clusterIPs").deepCopy());
            }
        }
    }
}
