package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Deployment controller's planner, a pure function after Kubernetes' {@code syncDeployment}
 * ({@code pkg/controller/deployment}): from a Deployment, its ReplicaSets and their pods, the
 * writes that move it one step on. A Deployment only ever touches ReplicaSets; their controller
 * makes the pods.
 *
 * <p>One round, as in Kubernetes: find the new ReplicaSet (template equal to the Deployment's) and
 * the old ones; a paused Deployment or a changed replica count only scales (proportionally, see
 * {@link ProportionalScaling}); otherwise the strategy takes one step ({@link RollingUpdate},
 * {@link Recreate}); finally the status is recomputed from the ReplicaSets and written only if it
 * differs, so planning again on unchanged state yields no actions and the controller settles.
 */
public final class DeploymentPlanner {

    static final String SELECTING_ALL = "SelectingAll";

    private DeploymentPlanner() {}

    /**
     * @param deployment  the Deployment as stored
     * @param replicaSets the ReplicaSets of its namespace: those it controls (ownerReference with
     *                    {@code controller: true} and its uid) are its own while its selector matches
     *                    them, orphans it matches are adopted, and any others only serve to notice
     *                    that a new ReplicaSet's name is taken (a hash collision)
     * @param pods        pods of the namespace, or at least those its ReplicaSets control (Recreate
     *                    waits until the old ones are gone); others are ignored
     * @param now         the time conditions are stamped with and the progress deadline is measured at
     */
    public static List<ControllerAction> plan(
            Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods, Instant now) {
        Rollout r = new Rollout(deployment, replicaSets, pods, now);
        if (selectsEverything(deployment.getSpec().getSelector())) {
            return refuseEmptySelector(r);
        }
        if (deployment.getMetadata().getDeletionTimestamp() != null) {
            NewReplicaSet.findAndSync(r);
            return finish(r, DeploymentStatusCalculator.calculate(r));
        }
        ProgressCondition.checkPaused(r);
        NewReplicaSet.findAndSync(r);
        if (r.spec.paused() || ProportionalScaling.isScalingEvent(r)) {
            ProportionalScaling.scale(r);
            if (r.spec.paused()) {
                HistoryCleanup.cleanup(r);
            }
            return finish(r, DeploymentStatusCalculator.calculate(r));
        }
        boolean stepped = r.spec.recreate() ? Recreate.rollout(r) : RollingUpdate.rollout(r);
        if (!stepped) {
            return finish(r, r.status);
        }
        DeploymentStatus status = DeploymentStatusCalculator.calculate(r);
        ProgressCondition.update(r, status);
        return finish(r, status);
    }

    /**
     * When to plan again if nothing changes before: the moment the progress deadline passes, so
     * ProgressDeadlineExceeded is reported on time. Empty when no deadline is pending.
     */
    public static Optional<Instant> nextProgressCheck(Deployment deployment) {
        return ProgressCondition.nextCheck(deployment);
    }

    /** Appends the Deployment's own writes: its revision annotation and its status, each only if changed. */
    private static List<ControllerAction> finish(Rollout r, DeploymentStatus status) {
        if (r.revision != null && !r.revision.equals(Rollout.annotations(r.deployment).get(DeploymentAnnotations.REVISION))) {
            ObjectNode patch = Json.object();
            Json.child(Json.child(patch, "metadata"), "annotations").put(DeploymentAnnotations.REVISION, r.revision);
            r.actions.add(new ControllerAction.MergePatch(ResourceTypes.DEPLOYMENT, r.namespace(), r.name(), "", patch));
        }
        DeploymentStatus before = r.deployment.getStatus() == null ? new DeploymentStatus() : r.deployment.getStatus();
        if (!CanonicalJson.ofStatus(before).equals(CanonicalJson.ofStatus(status))) {
            r.actions.add(statusPatch(r, Json.MAPPER.valueToTree(status)));
        }
        return List.copyOf(r.actions);
    }

    private static ControllerAction statusPatch(Rollout r, ObjectNode status) {
        ObjectNode patch = Json.object();
        patch.set("status", status);
        return new ControllerAction.MergePatch(ResourceTypes.DEPLOYMENT, r.namespace(), r.name(), "status", patch);
    }

    /**
     * An empty selector would claim every pod of the namespace; Kubernetes refuses to act on it and
     * only acknowledges the generation. The warning goes out once per generation rather than every
     * round, so that it does not flood the events.
     */
    private static List<ControllerAction> refuseEmptySelector(Rollout r) {
        long generation = Objects.requireNonNullElse(r.deployment.getMetadata().getGeneration(), 0L);
        Long observed = r.deployment.getStatus() == null ? null : r.deployment.getStatus().getObservedGeneration();
        if (observed != null && observed >= generation) {
            return List.of();
        }
        r.event(Rollout.WARNING, SELECTING_ALL,
                "This deployment is selecting all pods. A non-empty selector is required.");
        ObjectNode status = Json.object();
        status.put("observedGeneration", generation);
        r.actions.add(statusPatch(r, status));
        return List.copyOf(r.actions);
    }

    static boolean selectsEverything(LabelSelector selector) {
        return selector == null
                || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }
}
