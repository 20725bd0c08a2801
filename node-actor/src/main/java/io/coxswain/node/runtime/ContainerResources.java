package io.coxswain.node.runtime;

/** Requests and limits of one container; 0 means "not set". */
public record ContainerResources(long cpuRequestMillis, long memoryRequestBytes, long cpuLimitMillis, long memoryLimitBytes) {
    public static final ContainerResources NONE = new ContainerResources(0, 0, 0, 0);

    /** What the container asked for; Kubernetes defaults a missing request to the limit. */
    public long cpuMillis() {
        return cpuRequestMillis > 0 ? cpuRequestMillis : cpuLimitMillis;
    }

    public long memoryBytes() {
        return memoryRequestBytes > 0 ? memoryRequestBytes : memoryLimitBytes;
    }
}
