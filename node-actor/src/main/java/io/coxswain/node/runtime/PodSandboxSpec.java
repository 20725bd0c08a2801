package io.coxswain.node.runtime;

import java.util.List;
import java.util.Objects;

/** What a pod needs before its containers start: who it is and the emptyDir volumes its containers share. */
public record PodSandboxSpec(PodRef pod, List<String> emptyDirVolumes) {
    public PodSandboxSpec {
        Objects.requireNonNull(pod, "pod");
        emptyDirVolumes = emptyDirVolumes == null ? List.of() : List.copyOf(emptyDirVolumes);
        emptyDirVolumes.forEach(ContainerSpec::requireDnsLabel);
    }

    public static PodSandboxSpec of(PodRef pod, String... emptyDirVolumes) {
        return new PodSandboxSpec(pod, List.of(emptyDirVolumes));
    }
}
