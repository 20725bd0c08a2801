package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.selector.LabelSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pod as the scheduler sees it: its object plus everything the plug-ins read, parsed once. */
public final class PodInfo {

    /** The owner pods are spread by: a ReplicaSet, StatefulSet, Job, … ({@code metadata.ownerReferences[]}). */
    public record Owner(String kind, String name, String uid) {}

    private final ObjectNode object;
    private final String namespace;
    private final String name;
    private final Map<String, String> labels;
    private final Optional<Owner> owner;
    private final boolean terminating;
    private final String requestedNodeName;
    private final Resources requests;
    private final Resources nonZeroRequests;
    private final Map<String, String> nodeSelector;
    private final Optional<List<NodeSelectorTerm>> requiredNodeAffinity;
    private final List<PreferredNodeTerm> preferredNodeAffinity;
    private final List<Toleration> tolerations;
    private final List<HostPort> hostPorts;
    private final List<PodAffinityTerm> requiredPodAffinity;
    private final List<PodAffinityTerm> requiredPodAntiAffinity;

    private PodInfo(ObjectNode object) {
        this.object = object;
        JsonNode metadata = object.path("metadata");
        JsonNode spec = object.path("spec");
        this.namespace = metadata.path("namespace").asText("default");
        this.name = metadata.path("name").asText("");
        this.labels = Map.copyOf(LabelSelector.labelsOf(object));
        this.owner = ownerOf(metadata.path("ownerReferences"));
        this.terminating = metadata.hasNonNull("deletionTimestamp");
        this.requestedNodeName = spec.path("nodeName").asText("");
        this.requests = PodRequests.of(object);
        this.nonZeroRequests = PodRequests.nonZero(object);
        this.nodeSelector = stringMap(spec.path("nodeSelector"));
        JsonNode nodeAffinity = spec.path("affinity").path("nodeAffinity");
        JsonNode required = nodeAffinity.get("requiredDuringSchedulingIgnoredDuringExecution");
        this.requiredNodeAffinity = required == null || required.isNull()
                ? Optional.empty()
                : Optional.of(NodeSelectorTerm.listOf(required.path("nodeSelectorTerms")));
        this.preferredNodeAffinity =
                PreferredNodeTerm.listOf(nodeAffinity.path("preferredDuringSchedulingIgnoredDuringExecution"));
        this.tolerations = Toleration.listOf(spec.path("tolerations"));
        this.hostPorts = HostPort.ofPod(object);
        JsonNode affinity = spec.path("affinity");
        this.requiredPodAffinity = PodAffinityTerm.listOf(
                affinity.path("podAffinity").path("requiredDuringSchedulingIgnoredDuringExecution"), namespace);
        this.requiredPodAntiAffinity = PodAffinityTerm.listOf(
                affinity.path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution"), namespace);
    }

    public static PodInfo of(ObjectNode pod) {
        return new PodInfo(pod);
    }

    public ObjectNode object() {
        return object;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** The controlling owner reference, or else the first one. */
    public Optional<Owner> owner() {
        return owner;
    }

    /** Whether the pod is being deleted ({@code metadata.deletionTimestamp} is set). */
    public boolean terminating() {
        return terminating;
    }

    /** {@code spec.nodeName}, or "" when the pod leaves the choice to the scheduler. */
    public String requestedNodeName() {
        return requestedNodeName;
    }

    /** What must fit on the node, see {@link PodRequests}. */
    public Resources requests() {
        return requests;
    }

    /** Requests with kube-scheduler's defaults for missing ones, used only for scoring. */
    public Resources nonZeroRequests() {
        return nonZeroRequests;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** The required node selector terms, ORed; empty when the pod has no required node affinity. */
    public Optional<List<NodeSelectorTerm>> requiredNodeAffinity() {
        return requiredNodeAffinity;
    }

    public List<PreferredNodeTerm> preferredNodeAffinity() {
        return preferredNodeAffinity;
    }

    public List<Toleration> tolerations() {
        return tolerations;
    }

    public List<HostPort> hostPorts() {
        return hostPorts;
    }

    public List<PodAffinityTerm> requiredPodAffinity() {
        return requiredPodAffinity;
    }

    public List<PodAffinityTerm> requiredPodAntiAffinity() {
        return requiredPodAntiAffinity;
    }

    public boolean tolerates(Taint taint) {
        return Toleration.anyTolerates(tolerations, taint);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    private static Optional<Owner> ownerOf(JsonNode ownerReferences) {
        JsonNode chosen = null;
        for (JsonNode reference : ownerReferences) {
            if (reference.path("controller").asBoolean(false)) {
                chosen = reference;
                break;
            }
            if (chosen == null) {
                chosen = reference;
            }
        }
        return chosen == null
                ? Optional.empty()
                : Optional.of(new Owner(Json.text(chosen, "kind"), Json.text(chosen, "name"), Json.text(chosen, "uid")));
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        object.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().asText()));
        return Map.copyOf(result);
    }
}
