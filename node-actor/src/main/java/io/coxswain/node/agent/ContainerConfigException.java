package io.coxswain.node.agent;

/**
 * A container cannot be set up from its spec as it stands (a ConfigMap or Secret it names is missing, a key is
 * not there): Kubernetes' {@code CreateContainerConfigError}. The agent tries again each round, so the container
 * starts once the object appears.
 */
public final class ContainerConfigException extends RuntimeException {
    public static final String REASON = "CreateContainerConfigError";

    public ContainerConfigException(String message) {
        super(message);
    }
}
