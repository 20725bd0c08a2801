package io.coxswain.controlplane.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduling decision as a pure function of a pod and a cluster snapshot, as in Nomad's
 * {@code generic_sched} and kube-scheduler's framework: filter every node, score the ones left,
 * bind to the best. Equal totals go to the node whose name sorts first, so a decision can be
 * replayed. Binding, retrying and feeding snapshots are the caller's business.
 */
public final class Scheduler {

    private final SchedulerProfile profile;

    public Scheduler(SchedulerProfile profile) {
        this.profile = profile;
    }

    /** A scheduler running every built-in plug-in with Kubernetes' default weights. */
    public static Scheduler withDefaultProfile() {
        return new Scheduler(PluginRegistry.builtIn().defaultProfile());
    }

    public ScheduleResult schedule(PodInfo pod, ClusterSnapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodes();
        if (nodes.isEmpty()) {
            return new ScheduleResult.Unschedulable(FitErrorMessage.NO_NODES);
        }
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, List<String>> reasonsByNode = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            List<String> reasons = firstFailure(pod, node, snapshot);
            if (reasons.isEmpty()) {
                feasible.add(node);
            } else {
                reasonsByNode.put(node.name(), reasons);
            }
        }
        if (feasible.isEmpty()) {
            return new ScheduleResult.Unschedulable(FitErrorMessage.of(nodes.size(), reasonsByNode.values()));
        }
        return new ScheduleResult.Bound(best(pod, feasible, snapshot).name());
    }

    /** The reasons of the first filter that rejects the node, as kube-scheduler stops at the first. */
    private List<String> firstFailure(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        for (FilterPlugin filter : profile.filters()) {
            List<String> reasons = filter.filter(pod, node, snapshot);
            if (!reasons.isEmpty()) {
                return reasons;
            }
        }
        return List.of();
    }

    private NodeInfo best(PodInfo pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
        if (feasible.size() == 1) {
            return feasible.get(0);
        }
        long[] totals = totalScores(pod, feasible, snapshot);
        int best = 0;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > totals[best]) {
                best = i;
            }
        }
        return feasible.get(best);
    }

    /** Each node's weighted sum of normalised plug-in scores, in the order of {@code feasible}. */
    private long[] totalScores(PodInfo pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
        long[] totals = new long[feasible.size()];
        for (SchedulerProfile.WeightedScore weighted : profile.scores()) {
            long[] raw = new long[feasible.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = weighted.plugin().score(pod, feasible.get(i), snapshot);
            }
            long[] normalized = weighted.plugin().normalize(raw);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += normalized[i] * weighted.weight();
            }
        }
        return totals;
    }
}
