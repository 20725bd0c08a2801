package io.coxswain.node.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A pod's sandbox as the runtime made it.
 *
 * @param podIp            the address the pod is reachable at (the node's own for the process runtime, which has no
 *                         network namespaces)
 * @param emptyDirs        host directories of the pod's emptyDir volumes by volume name; the agent turns them into
 *                         {@link VolumeMount#hostPath()}s (empty where the runtime has no disk, as the simulated one)
 */
public record SandboxHandle(PodRef pod, String podIp, Map<String, Path> emptyDirs) {
    public SandboxHandle {
        Objects.requireNonNull(pod, "pod");
        emptyDirs = emptyDirs == null ? Map.of() : Map.copyOf(emptyDirs);
    }

    public String podUid() {
        return pod.uid();
    }
}
