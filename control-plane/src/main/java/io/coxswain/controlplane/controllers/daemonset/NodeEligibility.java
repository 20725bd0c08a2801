package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.scheduler.ClusterSnapshot;
import io.coxswain.controlplane.scheduler.NodeAffinity;
import io.coxswain.controlplane.scheduler.NodeInfo;
import io.coxswain.controlplane.scheduler.PodInfo;
import io.coxswain.controlplane.scheduler.Taint;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kubernetes' {@code NodeShouldRunDaemonPod}: whether a node should get a daemon pod, and whether
 * one already there may stay. They differ on a node with a NoSchedule taint the pod doesn't
 * tolerate: no new pod goes there, but a running one is not evicted for it (only an untolerated
 * NoExecute taint, or a node no longer matching the selector, removes it). The scheduler's own node
 * affinity and taint checks decide, applied to the template with the daemon tolerations.
 */
final class NodeEligibility {

    /** The two answers for one node. */
    record Verdict(boolean shouldRun, boolean shouldContinueRunning) {
        static final Verdict NO = new Verdict(false, false);
    }

    private static final NodeAffinity NODE_AFFINITY = new NodeAffinity();

    private final String templateNodeName;
    private final PodInfo candidate;

    NodeEligibility(DaemonSet daemonSet, DaemonPodFactory pods) {
        String nodeName = daemonSet.getSpec().getTemplate().getSpec() == null
                ? null : daemonSet.getSpec().getTemplate().getSpec().getNodeName();
        this.templateNodeName = nodeName == null ? "" : nodeName;
        this.candidate = PodInfo.of(pods.candidatePod());
    }

    Verdict of(Node node) {
        NodeInfo info = NodeInfo.of(Json.MAPPER.valueToTree(node), List.of());
        boolean namedElsewhere = !templateNodeName.isEmpty() && !templateNodeName.equals(info.name());
        if (namedElsewhere || !NODE_AFFINITY.filter(candidate, info, ClusterSnapshot.empty()).isEmpty()) {
            return Verdict.NO;
        }
        if (tolerates(info, Taint::forbidsScheduling)) {
            return new Verdict(true, true);
        }
        return new Verdict(false, tolerates(info, taint -> Taint.NO_EXECUTE.equals(taint.effect())));
    }

    private boolean tolerates(NodeInfo node, Predicate<Taint> relevant) {
        return node.taints().stream().filter(relevant).allMatch(candidate::tolerates);
    }
}
