package io.coxswain.controlplane.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replaces old-template pods within the update budget (Kubernetes' {@code rollingUpdate}). It runs
 * only in a round where {@link NodePlacement} had nothing to do, as Kubernetes runs it only once
 * its expectations are met, so each node has at most one old and one new pod here.
 *
 * <p>Without surge it deletes old pods while fewer than {@code maxUnavailable} daemon pods are
 * unavailable, and the next round's placement creates their replacements; old pods that are not
 * available anyway are replaced at once. With surge it creates the new pod next to the old one (up
 * to {@code maxSurge} at a time) and deletes the old one once the new one is available.
 */
final class RollingUpdate {

    /** A node's live pods split by template: at most one of each, or {@code ok} is false. */
    private record NodeRevisions(Optional<DaemonPod> newPod, Optional<DaemonPod> oldPod, boolean ok) {}

    private final DaemonSet daemonSet;
    private final CurrentRevision revision;
    private final int minReadySeconds;
    private final Instant now;

    RollingUpdate(DaemonSet daemonSet, CurrentRevision revision, Instant now) {
        this.daemonSet = daemonSet;
        this.revision = revision;
        this.minReadySeconds = DaemonPod.minReadySeconds(daemonSet);
        this.now = now;
    }

    PodChanges plan(Map<String, NodeEligibility.Verdict> verdicts, PodsByNode pods) {
        Map<String, NodeRevisions> nodes = new TreeMap<>();
        pods.nodes().forEach(node -> nodes.put(node, split(pods.on(node))));
        int desired = 0;
        for (var entry : verdicts.entrySet()) {
            if (entry.getValue().shouldRun()) {
                desired++;
                nodes.putIfAbsent(entry.getKey(), new NodeRevisions(Optional.empty(), Optional.empty(), true));
            }
        }
        UpdateBudget budget = UpdateBudget.of(daemonSet, desired);
        return budget.maxSurge() == 0
                ? withinUnavailability(nodes, budget.maxUnavailable())
                : bySurging(nodes, verdicts, budget.maxSurge(), desired);
    }

    private PodChanges withinUnavailability(Map<String, NodeRevisions> nodes, int maxUnavailable) {
        int unavailable = 0;
        List<DaemonPod> replacements = new ArrayList<>();
        List<DaemonPod> candidates = new ArrayList<>();
        for (NodeRevisions node : nodes.values()) {
            if (!node.ok() || node.newPod().isPresent() == node.oldPod().isPresent()) {
                // Placement is still creating or pruning here: the node counts as unavailable.
                unavailable++;
            } else if (node.newPod().isPresent()) {
                if (!available(node.newPod().get())) {
                    unavailable++;
                }
            } else if (!available(node.oldPod().get())) {
                replacements.add(node.oldPod().get());
                unavailable++;
            } else if (unavailable < maxUnavailable) {
                candidates.add(node.oldPod().get());
            }
        }
        int allowed = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.size());
        PodChanges changes = new PodChanges();
        replacements.forEach(changes::delete);
        candidates.subList(0, allowed).forEach(changes::delete);
        return changes;
    }

    private PodChanges bySurging(Map<String, NodeRevisions> nodes, Map<String, NodeEligibility.Verdict> verdicts,
                                 int maxSurge, int desired) {
        PodChanges changes = new PodChanges();
        List<DaemonPod> onNodesLeaving = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        int surging = 0;
        int available = 0;
        for (var entry : nodes.entrySet()) {
            String node = entry.getKey();
            NodeRevisions revisions = entry.getValue();
            if (!revisions.ok()) {
                surging++;
                continue;
            }
            Optional<DaemonPod> counted = revisions.oldPod().or(revisions::newPod);
            if (counted.isPresent() && available(counted.get())) {
                available++;
            }
            if (revisions.oldPod().isEmpty()) {
                continue;
            }
            DaemonPod oldPod = revisions.oldPod().get();
            boolean shouldRun = verdicts.getOrDefault(node, NodeEligibility.Verdict.NO).shouldRun();
            if (revisions.newPod().isPresent()) {
                if (available(revisions.newPod().get())) {
                    changes.delete(oldPod);
                } else {
                    surging++;
                }
            } else if (!available(oldPod)) {
                if (shouldRun) {
                    replacements.add(node);
                } else {
                    changes.delete(oldPod);
                }
            } else if (!shouldRun) {
                onNodesLeaving.add(oldPod);
            } else if (surging < maxSurge) {
                candidates.add(node);
            }
        }
        // Surge promises full availability: a pod on a node the DaemonSet is leaving goes only once
        // enough pods are available elsewhere.
        int deletable = Math.min(Math.max(available - desired, 0), onNodesLeaving.size());
        onNodesLeaving.subList(0, deletable).forEach(changes::delete);
        int allowed = Math.min(Math.max(maxSurge - surging, 0), candidates.size());
        replacements.forEach(changes::create);
        candidates.subList(0, allowed).forEach(changes::create);
        return changes;
    }

    /** Kubernetes' {@code findUpdatedPodsOnNode}, over the pods not being deleted. */
    private NodeRevisions split(List<DaemonPod> podsOnNode) {
        DaemonPod newPod = null;
        DaemonPod oldPod = null;
        for (DaemonPod pod : podsOnNode) {
            if (pod.terminating()) {
                continue;
            }
            if (revision.isCurrent(pod.labels())) {
                if (newPod != null) {
                    return new NodeRevisions(Optional.empty(), Optional.empty(), false);
                }
                newPod = pod;
            } else {
                if (oldPod != null) {
                    return new NodeRevisions(Optional.empty(), Optional.empty(), false);
                }
                oldPod = pod;
            }
        }
        return new NodeRevisions(Optional.ofNullable(newPod), Optional.ofNullable(oldPod), true);
    }

    private boolean available(DaemonPod pod) {
        return pod.available(minReadySeconds, now);
    }
}
