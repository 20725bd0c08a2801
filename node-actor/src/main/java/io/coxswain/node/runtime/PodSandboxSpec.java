package io.coxswain.node.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What a pod needs before its containers start: who it is, the emptyDir volumes its containers share, and whether
 * its containers see each other's processes ({@code spec.shareProcessNamespace}, false by default as in Kubernetes;
 * runtimes without PID namespaces ignore it).
 */
public record PodSandboxSpec(PodRef pod, List<String> emptyDirVolumes, boolean shareProcessNamespace) {
    public PodSandboxSpec {
        Objects.requireNonNull(pod, "pod");
        emptyDirVolumes = emptyDirVolumes == null ? List.of() : List.copyOf(emptyDirVolumes);
        emptyDirVolumes.forEach(ContainerSpec::requireDnsLabel);
    }

    public PodSandboxSpec(PodRef pod, List<String> emptyDirVolumes) {
        this(pod, emptyDirVolumes, false);
    }

    public static PodSandboxSpec of(PodRef pod, String... emptyDirVolumes) {
        return new PodSandboxSpec(pod, List.of(emptyDirVolumes));
    }

    public PodSandboxSpec sharingProcessNamespace() {
        return new PodSandboxSpec(pod, emptyDirVolumes, true);
    }
}
