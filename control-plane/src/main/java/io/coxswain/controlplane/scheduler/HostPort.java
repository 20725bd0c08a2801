package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A port a pod binds on its node's own address ({@code containers[].ports[].hostPort}). */
public record HostPort(String hostIp, String protocol, int port) {

    static final String ALL_ADDRESSES = "0.0.0.0";

    public HostPort {
        hostIp = hostIp == null || hostIp.isEmpty() ? ALL_ADDRESSES : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }

    /**
     * Two bindings clash on the same port and protocol (TCP 53 and UDP 53 coexist) when their
     * addresses overlap: the same address, or either one bound to all addresses.
     */
    public boolean conflictsWith(HostPort other) {
        return port == other.port
                && protocol.equals(other.protocol)
                && (hostIp.equals(other.hostIp) || hostIp.equals(ALL_ADDRESSES) || other.hostIp.equals(ALL_ADDRESSES));
    }

    /**
     * The host ports a pod's containers bind. With {@code hostNetwork} every container port is a
     * host port, which Kubernetes' API defaulting writes into hostPort and ours does not.
     */
    static List<HostPort> ofPod(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
        List<HostPort> ports = new ArrayList<>();
        for (JsonNode container : spec.path("containers")) {
            for (JsonNode port : container.path("ports")) {
                int hostPort = port.path("hostPort").asInt(0);
                if (hostPort <= 0 && hostNetwork) {
                    hostPort = port.path("containerPort").asInt(0);
                }
                if (hostPort > 0) {
                    ports.add(new HostPort(port.path("hostIP").asText(""), port.path("protocol").asText(""), hostPort));
                }
            }
        }
        return List.copyOf(ports);
    }
}
