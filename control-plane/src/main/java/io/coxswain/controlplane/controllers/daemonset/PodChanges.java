package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.controllers.ControllerAction.RecordEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one round decided: nodes that get a new pod, pods to delete, and events explaining deletions. */
final class PodChanges {

    private final List<String> nodesNeedingPods = new ArrayList<>();
    private final Map<String, DaemonPod> podsToDelete = new LinkedHashMap<>();
    private final List<RecordEvent> events = new ArrayList<>();

    void create(String nodeName) {
        nodesNeedingPods.add(nodeName);
    }

    void delete(DaemonPod pod) {
        podsToDelete.putIfAbsent(pod.name(), pod);
    }

    void record(RecordEvent event) {
        events.add(event);
    }

    boolean isEmpty() {
        return nodesNeedingPods.isEmpty() && podsToDelete.isEmpty();
    }

    List<String> nodesNeedingPods() {
        return List.copyOf(nodesNeedingPods);
    }

    List<DaemonPod> podsToDelete() {
        return List.copyOf(podsToDelete.values());
    }

    List<RecordEvent> events() {
        return List.copyOf(events);
    }
}
