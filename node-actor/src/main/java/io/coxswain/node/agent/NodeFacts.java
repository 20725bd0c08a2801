package io.coxswain.node.agent;

/**
 * What a pod may learn about the node it runs on: its address ({@code status.hostIP}) and its
 * allocatable CPU and memory (what {@code limits.cpu} means for a container that sets none).
 */
public record NodeFacts(String hostIp, long cpuMillis, long memoryBytes) {}
