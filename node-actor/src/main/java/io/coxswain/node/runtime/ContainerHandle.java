package io.coxswain.node.runtime;

import java.time.Instant;

/** What {@link ContainerRuntime#startContainer} answers: the new attempt's id and when it started. */
public record ContainerHandle(ContainerId id, PodRef pod, String containerName, int attempt, Instant startedAt) {}
