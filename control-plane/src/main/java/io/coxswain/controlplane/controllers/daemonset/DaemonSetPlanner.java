package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DaemonSet controller's sync as a pure function (Kubernetes' {@code syncDaemonSet}): from the
 * DaemonSet, the cluster's nodes and the DaemonSet's pods to the creates, deletes, events, status
 * write and requeue that bring one pod of the current template to every node that should run it.
 *
 * <p>A round either places (creates missing pods, deletes misplaced, finished and surplus ones)
 * or, when placement has nothing to do, advances a rolling update; the next round sees the result
 * of the last, as Kubernetes' expectations make it wait for its own writes. The status is counted
 * from what the round saw and written only when it changed.
 */
public final class DaemonSetPlanner {

    /**
     * Kubernetes' {@code BurstReplicas}: at most this many creates and as many deletes per round,
     * so one DaemonSet on a large cluster cannot flood the API; the rest follow next round.
     */
    static final int BURST_REPLICAS = 250;

    private DaemonSetPlanner() {}

    /**
     * @param daemonSet the DaemonSet as cached (server-defaulted, with its status)
     * @param nodes every node of the cluster
     * @param ownedPods the pods of the DaemonSet's namespace whose controller reference is this
     *     DaemonSet (by uid), including pods being deleted
     * @param now the time the round runs, for {@code minReadySeconds}
     */
    public static List<ControllerAction> plan(DaemonSet daemonSet, List<Node> nodes, List<Pod> ownedPods,
                                              Instant now) {
        // A DaemonSet being deleted is the garbage collector's; Kubernetes doesn't even count its status.
        if (daemonSet.getMetadata().getDeletionTimestamp() != null) {
            return List.of();
        }
        if (selectsEverything(daemonSet.getSpec().getSelector())) {
            return List.of(DaemonSetEvents.selectingAll());
        }
        CurrentRevision revision = CurrentRevision.of(daemonSet);
        DaemonPodFactory factory = new DaemonPodFactory(daemonSet, revision);
        Map<String, NodeEligibility.Verdict> verdicts = verdicts(nodes, new NodeEligibility(daemonSet, factory));
        PodsByNode pods = PodsByNode.of(ownedPods);

        PodChanges changes = new NodePlacement(daemonSet, revision, now).plan(verdicts, pods);
        if (changes.isEmpty() && UpdateBudget.isRollingUpdate(daemonSet)) {
            changes = new RollingUpdate(daemonSet, revision, now).plan(verdicts, pods);
        }
        List<ControllerAction> actions = new ArrayList<>(changes.events());
        changes.nodesNeedingPods().stream().limit(BURST_REPLICAS)
                .forEach(node -> actions.add(new ControllerAction.Create(ResourceTypes.POD, factory.podFor(node))));
        List<DaemonPod> deletes = changes.podsToDelete().stream().limit(BURST_REPLICAS).toList();
        String namespace = daemonSet.getMetadata().getNamespace();
        // SuccessfulCreate and SuccessfulDelete are recorded by the ActionRunner once the writes succeed.
        deletes.forEach(pod -> actions.add(new ControllerAction.Delete(ResourceTypes.POD, namespace, pod.name(), pod.uid())));

        DaemonSetStatusCount status = DaemonSetStatusCount.of(daemonSet, verdicts, pods, revision, now);
        if (!status.isRecordedIn(daemonSet.getStatus())) {
            actions.add(new ControllerAction.MergePatch(ResourceTypes.DAEMON_SET, namespace,
                    daemonSet.getMetadata().getName(), "status", status.patch()));
        }
        replanAt(daemonSet, ownedPods, now).ifPresent(at ->
                actions.add(new ControllerAction.RequeueAfter(Duration.between(now, at))));
        return List.copyOf(actions);
    }

    /**
     * When to plan again though nothing changed: the first moment a ready pod counted on an
     * eligible node becomes available ({@code minReadySeconds}), which no watch event announces.
     * Kubernetes requeues after {@code minReadySeconds} for the same reason.
     */
    static Optional<Instant> replanAt(DaemonSet daemonSet, List<Pod> ownedPods, Instant now) {
        int minReadySeconds = DaemonPod.minReadySeconds(daemonSet);
        if (minReadySeconds == 0) {
            return Optional.empty();
        }
        return ownedPods.stream()
                .map(DaemonPod::of)
                .filter(pod -> !pod.terminating())
                .flatMap(pod -> pod.availableAt(minReadySeconds).stream())
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    private static Map<String, NodeEligibility.Verdict> verdicts(List<Node> nodes, NodeEligibility eligibility) {
        Map<String, NodeEligibility.Verdict> verdicts = new LinkedHashMap<>();
        nodes.stream()
                .sorted(Comparator.comparing(node -> node.getMetadata().getName()))
                .forEach(node -> verdicts.put(node.getMetadata().getName(), eligibility.of(node)));
        return verdicts;
    }

    /** An empty selector would claim every pod of the namespace; Kubernetes refuses to act on it. */
    private static boolean selectsEverything(LabelSelector selector) {
        return selector == null
                || (emptyOrNull(selector.getMatchLabels()) && emptyOrNull(selector.getMatchExpressions()));
    }

    private static boolean emptyOrNull(Object collection) {
        return collection == null
                || (collection instanceof Map<?, ?> map && map.isEmpty())
                || (collection instanceof List<?> list && list.isEmpty());
    }
}
