package io.coxswain.node.runtime;

/** The operation (exec) needs a running container. */
public class ContainerNotRunningException extends ContainerRuntimeException {
    public static final String NOT_RUNNING = "ContainerNotRunning";

    public ContainerNotRunningException(ContainerId id) {
        super(NOT_RUNNING, "container \"" + id + "\" is not running");
    }
}
