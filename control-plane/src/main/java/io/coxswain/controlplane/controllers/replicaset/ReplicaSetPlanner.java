package io.coxswain.controlplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.OwnerReferences;
import io.coxswain.controlplane.controllers.StatusPatches;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' ReplicaSet (and ReplicationController) sync as a pure function: claim the pods
 * (adopt matching orphans, release owned pods whose labels stopped matching), create or delete
 * to reach {@code replicas}, and report status. Pods that ended (Succeeded, Failed) or are being
 * deleted do not count, so they are replaced.
 */
public final class ReplicaSetPlanner {
    /** Kubernetes' burstReplicas: at most this many creates or deletes per round. */
    static final int BURST = 500;

    private ReplicaSetPlanner() {}

    /**
     * @param pods every pod of the namespace, as fabric8 reads them
     * @param lastCreateFailure why a create failed in the previous round, or null
     */
    public static List<ControllerAction> plan(ReplicaSetView rs, List<Pod> pods, String lastCreateFailure,
                                              Instant now) {
        List<ControllerAction> actions = new ArrayList<>();
        List<Pod> owned = claim(rs, pods, actions);
        List<Pod> active = owned.stream().filter(PodConditions::active).toList();
        if (!rs.deleting()) {
            manageReplicas(rs, active, actions);
        }
        ObjectNode status = status(rs, active, lastCreateFailure, now);
        if (StatusPatches.differs(rs.status(), status)) {
            actions.add(new ControllerAction.MergePatch(rs.type(), rs.namespace(), rs.name(), "status",
                    StatusPatches.replacing(rs.status(), status)));
        }
        Duration untilAvailable = active.stream()
                .map(pod -> PodConditions.untilAvailable(pod, rs.minReadySeconds(), now))
                .filter(java.util.Objects::nonNull).min(Duration::compareTo).orElse(null);
        if (untilAvailable != null) {
            actions.add(new ControllerAction.RequeueAfter(untilAvailable.plusMillis(100)));
        }
        return actions;
    }

    /** Kubernetes' ClaimPods: the pods this controller owns after adopting and releasing. */
    private static List<Pod> claim(ReplicaSetView rs, List<Pod> pods, List<ControllerAction> actions) {
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            boolean matches = !rs.selector().isEmpty() && rs.selector().matches(labels);
            String controllerUid = OwnerReferences.controllerUid(pod.getMetadata().getOwnerReferences());
            if (rs.uid().equals(controllerUid)) {
                if (matches) {
                    owned.add(pod);
                } else if (pod.getMetadata().getDeletionTimestamp() == null) {
                    actions.add(new ControllerAction.MergePatch(ResourceTypes.POD, rs.namespace(),
                            pod.getMetadata().getName(), "", OwnerReferences.releasePatch(pod, rs.uid())));
                }
            } else if (controllerUid == null && matches && !rs.deleting()
                    && pod.getMetadata().getDeletionTimestamp() == null && PodConditions.active(pod)) {
                actions.add(new ControllerAction.MergePatch(ResourceTypes.POD, rs.namespace(),
                        pod.getMetadata().getName(), "", OwnerReferences.adoptPatch(pod,
                        OwnerReferences.controllerOf(rs.type(), rs.name(), rs.uid()))));
                owned.add(pod);
            }
        }
        return owned;
    }

    private static void manageReplicas(ReplicaSetView rs, List<Pod> active, List<ControllerAction> actions) {
        int diff = active.size() - rs.replicas();
        if (diff < 0) {
            int create = Math.min(-diff, BURST);
            for (int i = 0; i < create; i++) {
                actions.add(new ControllerAction.Create(ResourceTypes.POD, podFromTemplate(rs)));
            }
        } else if (diff > 0) {
            active.stream().sorted(ScaleDownOrder.FIRST_TO_GO).limit(Math.min(diff, BURST))
                    .forEach(pod -> actions.add(new ControllerAction.Delete(ResourceTypes.POD, rs.namespace(),
                            pod.getMetadata().getName(), pod.getMetadata().getUid())));
        }
    }

    /** A pod as Kubernetes' GetPodFromTemplate makes it: the template's metadata and spec, owned by the set. */
    static ObjectNode podFromTemplate(ReplicaSetView rs) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("generateName", generateNamePrefix(rs.name()));
        metadata.put("namespace", rs.namespace());
        JsonNode templateMetadata = rs.template().path("metadata");
        if (templateMetadata.path("labels").isObject()) {
            metadata.set("labels", templateMetadata.path("labels").deepCopy());
        }
        if (templateMetadata.path("annotations").isObject()) {
            metadata.set("annotations", templateMetadata.path("annotations").deepCopy());
        }
        if (templateMetadata.path("finalizers").isArray()) {
            metadata.set("finalizers", templateMetadata.path("finalizers").deepCopy());
        }
        ArrayNode owners = metadata.putArray("ownerReferences");
        owners.add(OwnerReferences.controllerOf(rs.type(), rs.name(), rs.uid()));
        pod.set("spec", rs.template().path("spec").deepCopy());
        return pod;
    }

    /** Kubernetes keeps generated names within 63 characters: the prefix is cut to leave room for the suffix. */
    private static String generateNamePrefix(String name) {
        String prefix = name + "-";
        return prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    }

    static ObjectNode status(ReplicaSetView rs, List<Pod> active, String lastCreateFailure, Instant now) {
        Map<String, String> templateLabels = io.coxswain.protocol.selector.LabelSelector.labelsOf(rs.template());
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : active) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodConditions.ready(pod)) {
                ready++;
            }
            if (PodConditions.available(pod, rs.minReadySeconds(), now)) {
                available++;
            }
        }
        ObjectNode status = Json.object();
        status.put("replicas", active.size());
        status.put("fullyLabeledReplicas", fullyLabeled);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", available);
        status.put("observedGeneration", rs.generation());
        ArrayNode conditions = ReplicaFailureCondition.next(rs.status().path("conditions"), lastCreateFailure, now);
        if (!conditions.isEmpty()) {
            status.set("conditions", conditions);
        }
        return status;
    }
}
