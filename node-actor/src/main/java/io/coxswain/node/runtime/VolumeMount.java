package io.coxswain.node.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A volume made available to a container: the agent resolves the volume (an emptyDir of the sandbox, a hostPath, a
 * claim) to a host directory, the runtime shows it at {@code containerPath} as well as it can.
 */
public record VolumeMount(String name, Path hostPath, String containerPath, boolean readOnly) {
    public VolumeMount {
        ContainerSpec.requireDnsLabel(name);
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(containerPath, "containerPath");
    }
}
