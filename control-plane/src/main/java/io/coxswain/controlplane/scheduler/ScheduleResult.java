package io.coxswain.controlplane.scheduler;

/** The scheduler's decision for one pod. */
public sealed interface ScheduleResult {

    /** Bind the pod to this node. */
    record Bound(String nodeName) implements ScheduleResult {}

    /** No node fits; {@code message} is what Kubernetes puts in the FailedScheduling event and PodScheduled condition. */
    record Unschedulable(String message) implements ScheduleResult {}
}
