package io.coxswain.node.runtime;

/**
 * A container's own stdin and terminal, from the pod spec's {@code stdin}, {@code stdinOnce} and {@code tty}: what
 * {@code kubectl attach} connects to.
 */
public record ContainerStdio(boolean stdin, boolean stdinOnce, boolean tty) {
    /** stdin from nowhere, no terminal: Kubernetes' default. */
    public static final ContainerStdio NONE = new ContainerStdio(false, false, false);
}
