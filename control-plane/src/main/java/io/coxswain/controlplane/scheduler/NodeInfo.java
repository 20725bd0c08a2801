package io.coxswain.controlplane.scheduler;

import io.coxswain.protocol.quantity.Quantities;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A node and the pods bound to it, with what the plug-ins derive from them: what the node offers
 * ({@code status.allocatable}, each resource falling back to {@code status.capacity}), what its pods
 * already requested, the host ports they hold, its labels, taints and Ready condition.
 */
public final class NodeInfo {

    /**
     * The node's Ready condition: True, False or Unknown. A node that has not reported one yet counts
     * as not ready, as a freshly registered Kubernetes node is (its kubelet registers it not-ready).
     */
    public enum Readiness { READY, NOT_READY, UNKNOWN }

    /** Every Kubernetes node carries this label (the kubelet sets it); see {@link #topologyValue}. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    private final ObjectNode object;
    private final String name;
    private final Map<String, String> labels;
    private final List<Taint> taints;
    private final boolean unschedulable;
    private final Readiness readiness;
    private final Resources allocatable;
    private final long allowedPods;
    private final List<PodInfo> pods;
    private final Resources requested;
    private final Resources nonZeroRequested;
    private final List<HostPort> usedPorts;

    private NodeInfo(ObjectNode object, List<PodInfo> pods) {
        this.object = object;
        this.name = object.path("metadata").path("name").asText("");
        this.labels = Map.copyOf(LabelSelector.labelsOf(object));
        this.taints = Taint.listOf(object.path("spec").path("taints"));
        this.unschedulable = object.path("spec").path("unschedulable").asBoolean(false);
        this.readiness = readinessOf(object.path("status").path("conditions"));
        JsonNode status = object.path("status");
        this.allocatable = new Resources(
                offered(status, "cpu", Quantities::milliValue),
                offered(status, "memory", Quantities::value));
        this.allowedPods = offered(status, "pods", Quantities::value);
        this.pods = List.copyOf(pods);
        Resources sum = Resources.NONE;
        Resources nonZeroSum = Resources.NONE;
        List<HostPort> ports = new ArrayList<>();
        for (PodInfo pod : pods) {
            sum = sum.plus(pod.requests());
            nonZeroSum = nonZeroSum.plus(pod.nonZeroRequests());
            ports.addAll(pod.hostPorts());
        }
        this.requested = sum;
        this.nonZeroRequested = nonZeroSum;
        this.usedPorts = List.copyOf(ports);
    }

    public static NodeInfo of(ObjectNode node, List<PodInfo> pods) {
        return new NodeInfo(node, pods);
    }

    /** This node with one more pod bound to it. */
    public NodeInfo withPod(PodInfo pod) {
        List<PodInfo> more = new ArrayList<>(pods);
        more.add(pod);
        return new NodeInfo(object, more);
    }

    public ObjectNode object() {
        return object;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<Taint> taints() {
        return taints;
    }

    /** {@code spec.unschedulable}: the node is cordoned. */
    public boolean unschedulable() {
        return unschedulable;
    }

    public Readiness readiness() {
        return readiness;
    }

    public Resources allocatable() {
        return allocatable;
    }

    /** How many pods the node may run ({@code pods} in allocatable or capacity; zero when absent, as in Kubernetes). */
    public long allowedPods() {
        return allowedPods;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    /** The sum of the bound pods' requests. */
    public Resources requested() {
        return requested;
    }

    /** The sum of the bound pods' requests with defaults for missing ones, for scoring. */
    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    /**
     * The node's topology domain for a key: its label value. Kubernetes nodes always carry
     * {@code kubernetes.io/hostname}; ours may not, so the node's name stands in for it rather than
     * silently leaving the node outside every per-host (anti-)affinity rule.
     */
    public Optional<String> topologyValue(String topologyKey) {
        String value = labels.get(topologyKey);
        if (value == null && HOSTNAME_LABEL.equals(topologyKey)) {
            value = name;
        }
        return Optional.ofNullable(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Readiness readinessOf(JsonNode conditions) {
        for (JsonNode condition : conditions) {
            if ("Ready".equals(condition.path("type").asText())) {
                return switch (condition.path("status").asText()) {
                    case "True" -> Readiness.READY;
                    case "False" -> Readiness.NOT_READY;
                    default -> Readiness.UNKNOWN;
                };
            }
        }
        return Readiness.NOT_READY;
    }

    private static long offered(JsonNode status, String resource, ToLongFunction<String> reader) {
        return Resources.amount(status.path("allocatable"), resource, reader)
                .orElseGet(() -> Resources.amount(status.path("capacity"), resource, reader).orElse(0));
    }
}
