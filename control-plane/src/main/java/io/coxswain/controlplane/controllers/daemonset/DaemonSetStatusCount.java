package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DaemonSet's status as Kubernetes' {@code updateDaemonSetStatus} counts it: per node that
 * should run a daemon pod, whether it has one, and whether the node's first pod (see
 * {@link DaemonPod#KEEP_FIRST}) is ready, available and of the current template. These are the
 * DESIRED, CURRENT, READY, UP-TO-DATE and AVAILABLE columns of {@code kubectl get ds}, and what
 * {@code kubectl rollout status ds} waits on.
 */
record DaemonSetStatusCount(long observedGeneration, int desiredNumberScheduled, int currentNumberScheduled,
                            int numberMisscheduled, int numberReady, int numberAvailable,
                            int updatedNumberScheduled) {

    static DaemonSetStatusCount of(DaemonSet daemonSet, Map<String, NodeEligibility.Verdict> verdicts,
                                   PodsByNode pods, CurrentRevision revision, Instant now) {
        int minReadySeconds = DaemonPod.minReadySeconds(daemonSet);
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (var entry : verdicts.entrySet()) {
            List<DaemonPod> podsOnNode = pods.on(entry.getKey());
            if (!entry.getValue().shouldRun()) {
                misscheduled += podsOnNode.isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (podsOnNode.isEmpty()) {
                continue;
            }
            current++;
            DaemonPod counted = podsOnNode.get(0);
            if (counted.ready()) {
                ready++;
                available += counted.available(minReadySeconds, now) ? 1 : 0;
            }
            updated += revision.isCurrent(counted.labels()) ? 1 : 0;
        }
        Long generation = daemonSet.getMetadata().getGeneration();
        return new DaemonSetStatusCount(generation == null ? 0 : generation, desired, current, misscheduled, ready,
                available, updated);
    }

    int numberUnavailable() {
        return desiredNumberScheduled - numberAvailable;
    }

    /**
     * Whether the stored status already says all this. Kubernetes writes only then, which is what
     * keeps a controller woken by its own status writes from looping.
     */
    boolean isRecordedIn(DaemonSetStatus status) {
        if (status == null) {
            return false;
        }
        return same(status.getDesiredNumberScheduled(), desiredNumberScheduled)
                && same(status.getCurrentNumberScheduled(), currentNumberScheduled)
                && same(status.getNumberMisscheduled(), numberMisscheduled)
                && same(status.getNumberReady(), numberReady)
                && same(status.getUpdatedNumberScheduled(), updatedNumberScheduled)
                && same(status.getNumberAvailable(), numberAvailable)
                && same(status.getNumberUnavailable(), numberUnavailable())
                && Optional.ofNullable(status.getObservedGeneration()).orElse(0L) >= observedGeneration;
    }

    /** The merge patch of the status subresource carrying every counted field. */
    ObjectNode patch() {
        ObjectNode patch = Json.object();
        ObjectNode status = patch.putObject("status");
        status.put("observedGeneration", observedGeneration);
        status.put("desiredNumberScheduled", desiredNumberScheduled);
        status.put("currentNumberScheduled", currentNumberScheduled);
        status.put("numberMisscheduled", numberMisscheduled);
        status.put("numberReady", numberReady);
        status.put("numberAvailable", numberAvailable);
        status.put("numberUnavailable", numberUnavailable());
        status.put("updatedNumberScheduled", updatedNumberScheduled);
        return patch;
    }

    // Kubernetes' int32 fields read 0 when omitted (omitempty), so absent equals zero.
    private static boolean same(Integer stored, int counted) {
        return Objects.equals(stored == null ? 0 : stored, counted);
    }
}
