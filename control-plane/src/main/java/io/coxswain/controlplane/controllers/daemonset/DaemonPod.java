package io.coxswain.controlplane.controllers.daemonset;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** One pod of the DaemonSet with what the planner asks of it, read once from the fabric8 object. */
record DaemonPod(Pod pod, String name, String uid, Optional<String> targetNode, boolean scheduled,
                 boolean terminating, String phase, Map<String, String> labels, Instant created,
                 Optional<Instant> readySince) {

    /**
     * Kubernetes' {@code podByCreationTimestampAndPhase}: bound pods before pending ones, then
     * oldest first, then by name. The first pod of a node is the one that is kept and counted.
     */
    static final Comparator<DaemonPod> KEEP_FIRST = Comparator
            .comparing((DaemonPod pod) -> !pod.scheduled())
            .thenComparing(DaemonPod::created)
            .thenComparing(DaemonPod::name);

    static DaemonPod of(Pod pod) {
        var metadata = pod.getMetadata();
        var status = pod.getStatus();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return new DaemonPod(pod, metadata.getName(), metadata.getUid(), targetNodeOf(pod),
                nodeName != null && !nodeName.isEmpty(),
                metadata.getDeletionTimestamp() != null,
                status == null || status.getPhase() == null ? "" : status.getPhase(),
                metadata.getLabels() == null ? Map.of() : metadata.getLabels(),
                instant(metadata.getCreationTimestamp()).orElse(Instant.EPOCH),
                readySince(pod));
    }

    /** How long a pod must have been ready to count as available ({@code spec.minReadySeconds}). */
    static int minReadySeconds(DaemonSet daemonSet) {
        Integer seconds = daemonSet.getSpec().getMinReadySeconds();
        return seconds == null ? 0 : seconds;
    }

    boolean failed() {
        return "Failed".equals(phase);
    }

    boolean succeeded() {
        return "Succeeded".equals(phase);
    }

    /** Kubernetes' {@code IsPodTerminal}: the pod's containers will not run again. */
    boolean terminal() {
        return failed() || succeeded();
    }

    boolean ready() {
        return readySince.isPresent();
    }

    /**
     * Kubernetes' {@code IsPodAvailable}: ready, and for longer than {@code minReadySeconds}
     * (strictly, as Kubernetes compares).
     */
    boolean available(int minReadySeconds, Instant now) {
        return availableAt(minReadySeconds).map(at -> !at.isAfter(now)).orElse(false);
    }

    /** When a ready pod counts as available; empty when it is not ready. */
    Optional<Instant> availableAt(int minReadySeconds) {
        if (minReadySeconds == 0) {
            return readySince.map(since -> Instant.MIN);
        }
        // A Ready condition without a transition time never becomes available, as in Kubernetes.
        return readySince.filter(since -> !since.equals(Instant.MIN))
                .map(since -> since.plus(Duration.ofSeconds(minReadySeconds)).plusNanos(1));
    }

    /**
     * Kubernetes' {@code util.GetTargetNodeName}: the node a pod is bound to, or, while it is
     * pending, the node its "this node" affinity term names. A pod with neither belongs nowhere
     * and is ignored, as Kubernetes does.
     */
    private static Optional<String> targetNodeOf(Pod pod) {
        if (pod.getSpec() == null) {
            return Optional.empty();
        }
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return Optional.of(pod.getSpec().getNodeName());
        }
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return Optional.empty();
        }
        for (NodeSelectorTerm term : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()) {
            for (NodeSelectorRequirement field : term.getMatchFields()) {
                if (DaemonPodFactory.NODE_NAME_FIELD.equals(field.getKey()) && "In".equals(field.getOperator())) {
                    return field.getValues().size() == 1 ? Optional.of(field.getValues().get(0)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The Ready condition's transition time when it is True; {@link Instant#MIN} when that time is missing. */
    private static Optional<Instant> readySince(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus())
                        ? Optional.of(instant(condition.getLastTransitionTime()).orElse(Instant.MIN))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}
