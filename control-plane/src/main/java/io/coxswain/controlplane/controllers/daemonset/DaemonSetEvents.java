package io.coxswain.controlplane.controllers.daemonset;

import io.coxswain.controlplane.controllers.ControllerAction.RecordEvent;

/** The DaemonSet controller's events, with Kubernetes' reasons and wording. */
public final class DaemonSetEvents {

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    /** Recorded by the pod control when a create succeeds; see {@link #createdPod}. */
    public static final String SUCCESSFUL_CREATE = "SuccessfulCreate";
    public static final String FAILED_CREATE = "FailedCreate";
    public static final String SUCCESSFUL_DELETE = "SuccessfulDelete";
    static final String SELECTING_ALL = "SelectingAll";
    static final String FAILED_DAEMON_POD = "FailedDaemonPod";
    static final String SUCCEEDED_DAEMON_POD = "SucceededDaemonPod";

    private DaemonSetEvents() {}

    /**
     * "Created pod: NAME". Daemon pods are created with {@code generateName}, so only the actor
     * learns the name, from the create's answer: it records this one then, as Kubernetes' pod
     * control does after its API call.
     */
    public static RecordEvent createdPod(String podName) {
        return new RecordEvent(NORMAL, SUCCESSFUL_CREATE, "Created pod: " + podName);
    }

    /** "Error creating: ERROR", the actor's counterpart to {@link #createdPod} when the create fails. */
    public static RecordEvent failedCreate(String error) {
        return new RecordEvent(WARNING, FAILED_CREATE, "Error creating: " + error);
    }

    static RecordEvent deletedPod(String podName) {
        return new RecordEvent(NORMAL, SUCCESSFUL_DELETE, "Deleted pod: " + podName);
    }

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
