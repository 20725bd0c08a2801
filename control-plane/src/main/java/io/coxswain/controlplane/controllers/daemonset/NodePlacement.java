package io.coxswain.controlplane.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pod on every node that should run one, and none elsewhere (Kubernetes' {@code manage} and
 * {@code podsShouldBeOnNode}). Finished pods are deleted so the next round replaces them; of
 * several live pods on a node only the oldest stays, except that during a surge an old and a new
 * pod may run side by side until the new one is available.
 */
final class NodePlacement {

    private final DaemonSet daemonSet;
    private final CurrentRevision revision;
    private final Instant now;

    NodePlacement(DaemonSet daemonSet, CurrentRevision revision, Instant now) {
        this.daemonSet = daemonSet;
        this.revision = revision;
        this.now = now;
    }

    /** {@code verdicts}: every existing node, by name. */
    PodChanges plan(Map<String, NodeEligibility.Verdict> verdicts, PodsByNode pods) {
        PodChanges changes = new PodChanges();
        verdicts.forEach((node, verdict) -> placeOn(node, verdict, pods.on(node), changes));
        for (String node : pods.nodes()) {
            if (!verdicts.containsKey(node)) {
                // Kubernetes leaves bound pods of a deleted node to its pod GC; Coxswain's node
                // lifecycle only fails them, so the controller that owns them removes them.
                pods.on(node).stream().filter(pod -> !pod.terminating()).forEach(changes::delete);
            }
        }
        return changes;
    }

    private void placeOn(String node, NodeEligibility.Verdict verdict, List<DaemonPod> podsOnNode, PodChanges changes) {
        if (verdict.shouldRun() && podsOnNode.isEmpty()) {
            changes.create(node);
        } else if (verdict.shouldContinueRunning()) {
            List<DaemonPod> running = removeFinished(node, podsOnNode, changes);
            if (UpdateBudget.allowsSurge(daemonSet)) {
                keepOldAndNewDuringSurge(node, verdict, running, changes);
            } else {
                running.stream().skip(1).forEach(changes::delete);
            }
        } else {
            podsOnNode.stream().filter(pod -> !pod.terminating()).forEach(changes::delete);
        }
    }

    /** Deletes the node's failed and succeeded pods (a daemon must keep running); returns the live ones. */
    private List<DaemonPod> removeFinished(String node, List<DaemonPod> podsOnNode, PodChanges changes) {
        String namespace = daemonSet.getMetadata().getNamespace();
        List<DaemonPod> running = new ArrayList<>();
        for (DaemonPod pod : podsOnNode) {
            if (pod.terminating()) {
                continue;
            }
            if (pod.failed()) {
                changes.record(DaemonSetEvents.failedDaemonPod(namespace, pod, node));
                changes.delete(pod);
            } else if (pod.succeeded()) {
                changes.record(DaemonSetEvents.succeededDaemonPod(namespace, pod, node));
                changes.delete(pod);
            } else {
                running.add(pod);
            }
        }
        return running;
    }

    /**
     * With surge, the oldest current pod and the oldest old pod may both stay while the new one
     * becomes available; the old one goes as soon as it is not ready or the new one is available.
     * Every other pod goes.
     */
    private void keepOldAndNewDuringSurge(String node, NodeEligibility.Verdict verdict, List<DaemonPod> running,
                                          PodChanges changes) {
        if (running.isEmpty()) {
            if (verdict.shouldRun()) {
                changes.create(node);
            }
            return;
        }
        DaemonPod oldestNew = null;
        DaemonPod oldestOld = null;
        for (DaemonPod pod : running) {
            // Kubernetes compares only the hash label here, not the deprecated generation label.
            boolean current = revision.hash().equals(pod.labels().get(CurrentRevision.HASH_LABEL));
            if (current && oldestNew == null) {
                oldestNew = pod;
            } else if (!current && oldestOld == null) {
                oldestOld = pod;
            } else {
                changes.delete(pod);
            }
        }
        if (oldestNew != null && oldestOld != null
                && (!oldestOld.ready() || oldestNew.available(DaemonPod.minReadySeconds(daemonSet), now))) {
            changes.delete(oldestOld);
        }
    }
}
