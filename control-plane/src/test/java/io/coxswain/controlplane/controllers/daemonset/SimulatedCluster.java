package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster in miniature for the planner: an API server that carries out its actions (names
 * generated pods, deletes by uid, patches the status), a scheduler that binds each pending pod to
 * the node its affinity names, and kubelets that start bound pods. Time advances one step per round.
 */
final class SimulatedCluster {

    static final Duration STEP = Duration.ofSeconds(5);
    private static final int MAX_ROUNDS = 100;

    private DaemonSet daemonSet;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<ControllerAction.RecordEvent> events = new ArrayList<>();
    private Instant now = DaemonSetFixtures.T0;
    private int generatedNames;
    private int mostUnavailable;

    SimulatedCluster(DaemonSet daemonSet, List<Node> nodes) {
        this.daemonSet = daemonSet;
        nodes.forEach(this::addNode);
    }

    void addNode(Node node) {
        nodes.put(node.getMetadata().getName(), node);
    }

    /** The node leaves the cluster; its pods stay in the API until someone deletes them. */
    void removeNode(String name) {
        nodes.remove(name);
    }

    void update(DaemonSet changed) {
        changed.setStatus(daemonSet.getStatus());
        daemonSet = changed;
    }

    /**
     * Plans, carries the plan out, then lets scheduler and kubelets act, until nothing is left to
     * do: the plan writes nothing and no pod changes. A plan asking to be requeued (a pod waiting
     * out {@code minReadySeconds}) makes the clock jump to then, as the controller's timer would.
     */
    int converge() {
        mostUnavailable = 0;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            List<ControllerAction> actions = DaemonSetPlanner.plan(daemonSet, List.copyOf(nodes.values()),
                    List.copyOf(pods.values()), now);
            actions.forEach(this::apply);
            mostUnavailable = Math.max(mostUnavailable, unavailableNow());
            boolean podsChanged = scheduleAndStart();
            Optional<Duration> requeue = actions.stream().filter(ControllerAction.RequeueAfter.class::isInstance)
                    .map(action -> ((ControllerAction.RequeueAfter) action).delay()).findFirst();
            boolean wrote = actions.stream().anyMatch(action -> !(action instanceof ControllerAction.RequeueAfter));
            if (wrote || podsChanged) {
                now = now.plus(STEP);
            } else if (requeue.isPresent()) {
                now = now.plus(requeue.get());
            } else {
                return round;
            }
        }
        throw new AssertionError("no convergence in " + MAX_ROUNDS + " rounds: " + placement());
    }

    /** A kubelet's report: the pod of that name now looks like {@code pod}. */
    void replacePod(Pod pod) {
        pods.put(pod.getMetadata().getName(), pod);
    }

    DaemonSetStatus status() {
        return daemonSet.getStatus();
    }

    List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    List<ControllerAction.RecordEvent> events() {
        return List.copyOf(events);
    }

    /** The most eligible nodes without an available pod seen right after one round's writes, during the last {@link #converge}. */
    int mostUnavailable() {
        return mostUnavailable;
    }

    /** The node each pod runs on, by pod name. */
    Map<String, String> placement() {
        Map<String, String> placement = new LinkedHashMap<>();
        pods.values().forEach(pod -> placement.put(pod.getMetadata().getName(), pod.getSpec().getNodeName()));
        return placement;
    }

    private void apply(ControllerAction action) {
        if (action instanceof ControllerAction.Create create) {
            String name = create.object().path("metadata").path("generateName").asText() + (++generatedNames);
            pods.put(name, DaemonSetFixtures.created(create, name, now));
        } else if (action instanceof ControllerAction.Delete delete) {
            Pod pod = pods.get(delete.name());
            if (pod != null && pod.getMetadata().getUid().equals(delete.uid())) {
                pods.remove(delete.name());
            }
        } else if (action instanceof ControllerAction.MergePatch patch) {
            daemonSet.setStatus(Json.MAPPER.convertValue(patch.patch().path("status"), DaemonSetStatus.class));
        } else if (action instanceof ControllerAction.RecordEvent event) {
            events.add(event);
        }
        // RequeueAfter is the controller's timer: converge() jumps the clock when nothing else happens.
    }

    /** Binds pending pods to their node when it exists, and makes bound pods ready; each takes a round. */
    private boolean scheduleAndStart() {
        boolean changed = false;
        for (Map.Entry<String, Pod> entry : pods.entrySet()) {
            Pod pod = entry.getValue();
            DaemonPod daemonPod = DaemonPod.of(pod);
            if (!daemonPod.scheduled()) {
                Optional<String> target = daemonPod.targetNode().filter(nodes::containsKey);
                if (target.isPresent()) {
                    entry.setValue(DaemonSetFixtures.bound(pod, target.get()));
                    changed = true;
                }
            } else if (!daemonPod.ready() && !daemonPod.terminal() && nodes.containsKey(pod.getSpec().getNodeName())) {
                entry.setValue(DaemonSetFixtures.ready(pod, now));
                changed = true;
            }
        }
        return changed;
    }

    private int unavailableNow() {
        PodsByNode byNode = PodsByNode.of(List.copyOf(pods.values()));
        int minReady = DaemonPod.minReadySeconds(daemonSet);
        return (int) nodes.keySet().stream()
                .filter(node -> byNode.on(node).stream().noneMatch(pod -> pod.available(minReady, now)))
                .count();
    }
}
