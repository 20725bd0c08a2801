package io.coxswain.node.runtime;

/**
 * A container could not be created or started. The reasons are Kubernetes': the agent reports the attempt as
 * terminated with the reason and {@link #EXIT_CODE} (as containerd does) and the container as waiting with
 * {@code RunContainerError}, or with the reason itself for the {@code Create…} ones.
 */
public class ContainerStartException extends ContainerRuntimeException {
    /** The process could not be executed: no such executable, not executable, bad working directory. */
    public static final String START_ERROR = "StartError";
    /** The container could not be made (e.g. this attempt exists already, no sandbox). */
    public static final String CREATE_CONTAINER_ERROR = "CreateContainerError";
    /** The spec cannot work on this runtime (e.g. no command for the process runtime). */
    public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
    /** The waiting reason Kubernetes shows while a container fails to start. */
    public static final String RUN_CONTAINER_ERROR = "RunContainerError";
    /** The exit code containerd gives an attempt that never ran. */
    public static final int EXIT_CODE = 128;

    public ContainerStartException(String reason, String message) {
        super(reason, message);
    }

    public ContainerStartException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
