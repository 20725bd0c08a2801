package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.controllers.ControllerAction.RecordEvent;

/**
 * The DaemonSet controller's own events, with Kubernetes' reasons and wording. The pod control's
 * SuccessfulCreate, FailedCreate and SuccessfulDelete come from the ActionRunner, which alone
 * learns the generated names and whether each write succeeded.
 */
final class DaemonSetEvents {

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    static final String SELECTING_ALL = "SelectingAll";
    static final String FAILED_DAEMON_POD = "FailedDaemonPod";
    static final String SUCCEEDED_DAEMON_POD = "SucceededDaemonPod";

    private DaemonSetEvents() {}

    static RecordEvent selectingAll() {
        return new RecordEvent(WARNING, SELECTING_ALL,
                "This daemon set is selecting all pods. A non-empty selector is required.");
    }

    static RecordEvent failedDaemonPod(String namespace, DaemonPod pod, String nodeName) {
        return new RecordEvent(WARNING, FAILED_DAEMON_POD, "Found failed daemon pod " + namespace + "/" + pod.name()
                + " on node " + nodeName + ", will try to kill it");
    }

    static RecordEvent succeededDaemonPod(String namespace, DaemonPod pod, String nodeName) {
        return new RecordEvent(NORMAL, SUCCEEDED_DAEMON_POD, "Found succeeded daemon pod " + namespace + "/"
                + pod.name() + " on node " + nodeName + ", will try to delete it");
    }
}
