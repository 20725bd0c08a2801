package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finding, annotating and creating the new ReplicaSet, the one whose template is the Deployment's
 * (Kubernetes' {@code getAllReplicaSetsAndSyncRevision} / {@code getNewReplicaSet}).
 */
final class NewReplicaSet {

    private NewReplicaSet() {}

    /**
     * Splits the owned ReplicaSets into the new one (the oldest whose template equals the
     * Deployment's, ignoring the hash label) and the old ones; gives the new one the next revision
     * (an old ReplicaSet matching again, as after {@code rollout undo}, is how a rollback happens)
     * and the Deployment's annotations, and records its revision on the Deployment.
     */
    static void findAndSync(Rollout r) {
        List<ReplicaSet> byAge = new ArrayList<>(r.owned);
        byAge.sort(ReplicaSets.OLDEST_FIRST);
        PodTemplateSpec template = r.deployment.getSpec().getTemplate();
        r.newRS = byAge.stream()
                .filter(rs -> PodTemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), template))
                .findFirst().orElse(null);
        r.oldRSs = new ArrayList<>(byAge);
        r.oldRSs.remove(r.newRS);
        if (r.newRS == null) {
            return;
        }
        Map<String, String> before = new HashMap<>(Rollout.annotationsOf(r.newRS));
        boolean annotationsChanged = setNewReplicaSetAnnotations(r, r.newRS, nextRevision(r), true);
        boolean minReadySecondsChanged = r.spec.minReadySeconds() != orZero(r.newRS.getSpec().getMinReadySeconds());
        if (annotationsChanged || minReadySecondsChanged) {
            ObjectNode patch = Json.object();
            ObjectNode annotations = Json.child(Json.child(patch, "metadata"), "annotations");
            Rollout.annotationsOf(r.newRS).forEach((key, value) -> {
                if (!value.equals(before.get(key))) {
                    annotations.put(key, value);
                }
            });
            Json.child(patch, "spec").put("minReadySeconds", r.spec.minReadySeconds());
            r.newRS.getSpec().setMinReadySeconds(r.spec.minReadySeconds());
            r.patchReplicaSet(r.newRS, patch);
        }
        // Kubernetes records the revision on the Deployment in its next round after annotating the
        // ReplicaSet; doing it in this round reaches the same state one write sooner.
        r.revision = ReplicaSets.annotation(r.newRS, DeploymentAnnotations.REVISION);
        if (r.spec.hasProgressDeadline()
                && DeploymentConditions.get(r.status, DeploymentConditions.PROGRESSING) == null) {
            DeploymentConditions.set(r.status, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                    DeploymentConditions.TRUE, DeploymentConditions.FOUND_NEW_RS,
                    "Found new replica set \"%s\"".formatted(r.newRS.getMetadata().getName()), r.now));
        }
    }

    /**
     * Creates the new ReplicaSet named {@code NAME-<pod-template-hash>} with the replicas the
     * strategy allows now.
     *
     * @return false when the name is taken by a ReplicaSet with another template: the collision
     *     count goes up so the next round hashes to another name, and this round stops (as Kubernetes)
     */
    static boolean create(Rollout r) {
        PodTemplateSpec deploymentTemplate = r.deployment.getSpec().getTemplate();
        String hash = PodTemplateHash.of(deploymentTemplate, r.status.getCollisionCount());
        String name = r.name() + "-" + hash;
        if (r.takenNames.contains(name)) {
            r.status.setCollisionCount(r.status.getCollisionCount() == null ? 1 : r.status.getCollisionCount() + 1);
            return false;
        }
        PodTemplateSpec template = Json.MAPPER.convertValue(deploymentTemplate, PodTemplateSpec.class);
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> labels = new LinkedHashMap<>(
                template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(PodTemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);

        LabelSelector selector = Json.MAPPER.convertValue(r.deployment.getSpec().getSelector(), LabelSelector.class);
        Map<String, String> matchLabels = new LinkedHashMap<>(
                selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);

        ReplicaSet rs = new ReplicaSet();
        rs.setApiVersion("apps/v1");
        rs.setKind("ReplicaSet");
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(r.namespace());
        metadata.setLabels(new LinkedHashMap<>(labels));
        metadata.setOwnerReferences(List.of(r.controllerReference()));
        rs.setMetadata(metadata);
        ReplicaSetSpec rsSpec = new ReplicaSetSpec();
        rsSpec.setReplicas(0);
        rsSpec.setMinReadySeconds(r.spec.minReadySeconds());
        rsSpec.setSelector(selector);
        rsSpec.setTemplate(template);
        rs.setSpec(rsSpec);

        List<ReplicaSet> withNew = new ArrayList<>(r.oldRSs);
        withNew.add(rs);
        int replicas = newReplicas(r, withNew, rs);
        rsSpec.setReplicas(replicas);
        String revision = nextRevision(r);
        setNewReplicaSetAnnotations(r, rs, revision, false);
        r.create(rs);
        // Only for ordering within this round: the store stamps the real creation time.
        metadata.setCreationTimestamp(DeploymentConditions.timestamp(r.now));
        r.newRS = rs;
        if (replicas > 0) {
            r.event(Rollout.NORMAL, Rollout.SCALING_REPLICA_SET,
                    "Scaled up replica set %s from 0 to %d".formatted(name, replicas));
        }
        r.revision = revision;
        if (r.spec.hasProgressDeadline()) {
            DeploymentConditions.set(r.status, DeploymentConditions.create(DeploymentConditions.PROGRESSING,
                    DeploymentConditions.TRUE, DeploymentConditions.NEW_RS_CREATED,
                    "Created new replica set \"%s\"".formatted(name), r.now));
        }
        return true;
    }

    /**
     * Kubernetes' {@code NewRSNewReplicas}: Recreate asks for all replicas at once (old pods are gone
     * by then); a rolling update adds what maxSurge leaves room for, up to the Deployment's replicas.
     */
    static int newReplicas(Rollout r, List<ReplicaSet> all, ReplicaSet newRS) {
        int current = ReplicaSets.specReplicas(newRS);
        if (r.spec.recreate()) {
            return r.spec.replicas();
        }
        int maxTotal = r.spec.replicas() + r.spec.maxSurgeCount();
        int podCount = ReplicaSets.sumSpec(all);
        if (podCount >= maxTotal) {
            return current;
        }
        int scaleUp = Math.min(maxTotal - podCount, r.spec.replicas() - current);
        return current + scaleUp;
    }

    private static String nextRevision(Rollout r) {
        return Long.toString(ReplicaSets.maxRevision(r.oldRSs) + 1);
    }

    /**
     * Kubernetes' {@code SetNewReplicaSetAnnotations}: copies the Deployment's own annotations (e.g.
     * {@code kubernetes.io/change-cause}, which {@code rollout history} shows), raises the revision
     * when it is behind (keeping the one it replaces in {@code revision-history}) and, on a ReplicaSet
     * about to be created, sets desired/max-replicas.
     *
     * @return whether an annotation changed
     */
    private static boolean setNewReplicaSetAnnotations(Rollout r, ReplicaSet rs, String newRevision, boolean exists) {
        Map<String, String> annotations = Rollout.annotationsOf(rs);
        boolean changed = false;
        for (Map.Entry<String, String> entry : Rollout.annotations(r.deployment).entrySet()) {
            if (DeploymentAnnotations.NOT_COPIED.contains(entry.getKey())
                    || entry.getValue().equals(annotations.get(entry.getKey()))) {
                continue;
            }
            annotations.put(entry.getKey(), entry.getValue());
            changed = true;
        }
        String oldRevision = annotations.get(DeploymentAnnotations.REVISION);
        long oldRevisionNumber;
        try {
            oldRevisionNumber = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
        } catch (NumberFormatException e) {
            // Kubernetes leaves a ReplicaSet whose revision it cannot read alone.
            return false;
        }
        long newRevisionNumber = Long.parseLong(newRevision);
        if (oldRevisionNumber < newRevisionNumber) {
            annotations.put(DeploymentAnnotations.REVISION, newRevision);
            changed = true;
            if (oldRevision != null) {
                appendRevisionHistory(annotations, oldRevision);
            }
        }
        if (!exists) {
            annotations.put(DeploymentAnnotations.DESIRED_REPLICAS, Integer.toString(r.spec.replicas()));
            annotations.put(DeploymentAnnotations.MAX_REPLICAS, Integer.toString(r.spec.maxReplicas()));
            changed = true;
        }
        return changed;
    }

    private static void appendRevisionHistory(Map<String, String> annotations, String oldRevision) {
        String history = annotations.getOrDefault(DeploymentAnnotations.REVISION_HISTORY, "");
        if (history.isEmpty()) {
            annotations.put(DeploymentAnnotations.REVISION_HISTORY, oldRevision);
            return;
        }
        List<String> revisions = new ArrayList<>(Arrays.asList(history.split(",")));
        int length = history.length() + oldRevision.length() + 1;
        while (length > DeploymentAnnotations.REVISION_HISTORY_MAX_CHARS && !revisions.isEmpty()) {
            length -= revisions.remove(0).length() + 1;
        }
        if (length <= DeploymentAnnotations.REVISION_HISTORY_MAX_CHARS) {
            revisions.add(oldRevision);
            annotations.put(DeploymentAnnotations.REVISION_HISTORY, String.join(",", revisions));
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
