package io.coxswain.node.runtime;

/** A runtime refused or failed an operation; {@link #reason()} is the Kubernetes-style word the agent reports. */
public class ContainerRuntimeException extends RuntimeException {
    private final String reason;

    public ContainerRuntimeException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ContainerRuntimeException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
