package io.coxswain.node.runtime;

/** A port the container listens on; {@code hostPort} 0 when none is published. */
public record ContainerPort(String name, int containerPort, int hostPort, String protocol) {
    public ContainerPort {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
