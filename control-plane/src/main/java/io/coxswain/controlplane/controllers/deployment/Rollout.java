package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.OwnerReferences;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One planning round: the Deployment as read, working copies of its ReplicaSets and status that the
 * steps update as Kubernetes' controller would after each write, and the actions for those writes.
 *
 * <p>Kubernetes' sync writes as it goes and continues with what the API returned; we record each
 * write as an action and apply it to the working copies, so later steps see the same state they
 * would see there.
 */
final class Rollout {

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";
    static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

    final Deployment deployment;
    final RolloutSpec spec;
    final Instant now;
    /** The status as steps left it (conditions, collision count); counters are computed at the end. */
    final DeploymentStatus status;
    /** The Deployment's revision annotation as steps left it. */
    String revision;
    /** ReplicaSet names taken in the namespace, ours or not: a new one must not collide. */
    final Set<String> takenNames = new HashSet<>();
    final Map<String, List<Pod>> podsByReplicaSetUid = new HashMap<>();
    final List<ReplicaSet> owned = new ArrayList<>();
    ReplicaSet newRS;
    List<ReplicaSet> oldRSs = new ArrayList<>();
    final List<ControllerAction> actions = new ArrayList<>();
    /** The Deployment's selector: which ReplicaSets it may claim. */
    private final io.coxswain.protocol.selector.LabelSelector selector;

    Rollout(Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods, Instant now) {
        this.deployment = deployment;
        // An empty selector would claim every ReplicaSet of the namespace: it claims none (the planner refuses it).
        this.selector = DeploymentPlanner.selectsEverything(deployment.getSpec().getSelector())
                ? io.coxswain.protocol.selector.LabelSelector.nothing()
                : io.coxswain.protocol.selector.LabelSelector.fromJson(
                        Json.MAPPER.valueToTree(deployment.getSpec().getSelector()));
        this.spec = RolloutSpec.of(deployment);
        this.now = now;
        this.status = deployment.getStatus() == null
                ? new DeploymentStatus()
                : Json.MAPPER.convertValue(deployment.getStatus(), DeploymentStatus.class);
        this.revision = annotations(deployment).get(DeploymentAnnotations.REVISION);
        for (ReplicaSet rs : replicaSets) {
            takenNames.add(rs.getMetadata().getName());
            if (claim(rs)) {
                ReplicaSet copy = Json.MAPPER.convertValue(rs, ReplicaSet.class);
                owned.add(copy);
                podsByReplicaSetUid.put(copy.getMetadata().getUid(), new ArrayList<>());
            }
        }
        for (Pod pod : pods) {
            OwnerReference controller = controllerOf(pod.getMetadata().getOwnerReferences());
            if (controller != null && podsByReplicaSetUid.containsKey(controller.getUid())) {
                podsByReplicaSetUid.get(controller.getUid()).add(pod);
            }
        }
    }

    /**
     * Kubernetes' ClaimReplicaSets: a ReplicaSet it controls is its own while the selector matches it, and released
     * (its controller reference removed) when it stops matching; an orphan that matches is adopted — the ReplicaSets
     * a Deployment deleted with {@code --cascade=orphan} left behind go back to the next Deployment that selects
     * them, instead of a second set of pods being made beside them. A Deployment being deleted adopts nothing.
     */
    private boolean claim(ReplicaSet rs) {
        String uid = deployment.getMetadata().getUid();
        Map<String, String> labels = rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
        boolean matches = selector.matches(labels);
        OwnerReference controller = controllerOf(rs.getMetadata().getOwnerReferences());
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        if (isControlledBy(rs.getMetadata().getOwnerReferences(), uid)) {
            if (!matches && !deleting) {
                actions.add(new ControllerAction.MergePatch(ResourceTypes.REPLICA_SET, namespace(),
                        rs.getMetadata().getName(), "", OwnerReferences.releasePatch(rs, uid)));
            }
            return matches;
        }
        if (controller == null && matches && !deleting && deployment.getMetadata().getDeletionTimestamp() == null) {
            actions.add(new ControllerAction.MergePatch(ResourceTypes.REPLICA_SET, namespace(),
                    rs.getMetadata().getName(), "", OwnerReferences.adoptPatch(rs, OwnerReferences.controllerOf(
                            ResourceTypes.DEPLOYMENT, name(), uid))));
            return true;
        }
        return false;
    }

    String name() {
        return deployment.getMetadata().getName();
    }

    String namespace() {
        return deployment.getMetadata().getNamespace();
    }

    /** The old ReplicaSets then the new one (if any), as Kubernetes' {@code allRSs}. */
    List<ReplicaSet> all() {
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        if (newRS != null) {
            all.add(newRS);
        }
        return all;
    }

    static List<ReplicaSet> active(List<ReplicaSet> sets) {
        return sets.stream().filter(ReplicaSets::active).toList();
    }

    /** Kubernetes' {@code scaleReplicaSetAndRecordEvent}: nothing to do when the size is already right. */
    boolean scaleAndRecordEvent(ReplicaSet rs, int newScale) {
        if (ReplicaSets.specReplicas(rs) == newScale) {
            return false;
        }
        return scale(rs, newScale);
    }

    /**
     * Kubernetes' {@code scaleReplicaSet}: sets the size and refreshes the desired/max-replicas
     * annotations proportional scaling reads later; an event only when the size changed.
     *
     * @return whether the size changed
     */
    boolean scale(ReplicaSet rs, int newScale) {
        int oldScale = ReplicaSets.specReplicas(rs);
        String desired = Integer.toString(spec.replicas());
        String max = Integer.toString(spec.maxReplicas());
        boolean sizeChanges = oldScale != newScale;
        boolean annotationsChange = !desired.equals(ReplicaSets.annotation(rs, DeploymentAnnotations.DESIRED_REPLICAS))
                || !max.equals(ReplicaSets.annotation(rs, DeploymentAnnotations.MAX_REPLICAS));
        if (!sizeChanges && !annotationsChange) {
            return false;
        }
        ObjectNode patch = Json.object();
        ObjectNode annotations = Json.child(Json.child(patch, "metadata"), "annotations");
        annotations.put(DeploymentAnnotations.DESIRED_REPLICAS, desired);
        annotations.put(DeploymentAnnotations.MAX_REPLICAS, max);
        Json.child(patch, "spec").put("replicas", newScale);
        patchReplicaSet(rs, patch);
        rs.getSpec().setReplicas(newScale);
        annotationsOf(rs).put(DeploymentAnnotations.DESIRED_REPLICAS, desired);
        annotationsOf(rs).put(DeploymentAnnotations.MAX_REPLICAS, max);
        if (sizeChanges) {
            String direction = oldScale < newScale ? "up" : "down";
            event(NORMAL, SCALING_REPLICA_SET, "Scaled %s replica set %s from %d to %d"
                    .formatted(direction, rs.getMetadata().getName(), oldScale, newScale));
        }
        return sizeChanges;
    }

    void patchReplicaSet(ReplicaSet rs, ObjectNode patch) {
        actions.add(new ControllerAction.MergePatch(
                ResourceTypes.REPLICA_SET, namespace(), rs.getMetadata().getName(), "", patch));
    }

    /** The working copy's annotations, mutable. */
    static Map<String, String> annotationsOf(ReplicaSet rs) {
        if (rs.getMetadata().getAnnotations() == null) {
            rs.getMetadata().setAnnotations(new HashMap<>());
        }
        return rs.getMetadata().getAnnotations();
    }

    void create(ReplicaSet rs) {
        actions.add(new ControllerAction.Create(ResourceTypes.REPLICA_SET, Json.MAPPER.valueToTree(rs)));
        owned.add(rs);
        takenNames.add(rs.getMetadata().getName());
    }

    void delete(ReplicaSet rs) {
        actions.add(new ControllerAction.Delete(
                ResourceTypes.REPLICA_SET, namespace(), rs.getMetadata().getName(), rs.getMetadata().getUid()));
    }

    void event(String type, String reason, String message) {
        actions.add(new ControllerAction.RecordEvent(type, reason, message));
    }

    OwnerReference controllerReference() {
        OwnerReference reference = new OwnerReference();
        reference.setApiVersion(ResourceTypes.DEPLOYMENT.apiVersion());
        reference.setKind(ResourceTypes.DEPLOYMENT.kind());
        reference.setName(name());
        reference.setUid(deployment.getMetadata().getUid());
        reference.setController(true);
        reference.setBlockOwnerDeletion(true);
        return reference;
    }

    static Map<String, String> annotations(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static boolean isControlledBy(List<OwnerReference> references, String uid) {
        OwnerReference controller = controllerOf(references);
        return controller != null && uid != null && uid.equals(controller.getUid());
    }

    private static OwnerReference controllerOf(List<OwnerReference> references) {
        if (references == null) {
            return null;
        }
        return references.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }
}
