package io.coxswain.node.runtime;

import java.time.Instant;

/**
 * What {@link ContainerRuntime#startContainer} answers: the new attempt's id, when it started, and
 * what the runtime did to have its image.
 */
public record ContainerHandle(ContainerId id, PodRef pod, String containerName, int attempt, Instant startedAt,
                              ImagePreparation image) {}
