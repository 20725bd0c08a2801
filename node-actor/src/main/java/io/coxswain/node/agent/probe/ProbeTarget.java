package io.coxswain.node.agent.probe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerPort;
import java.time.Instant;
import java.util.List;

/** A running container and the probes its spec declares. */
public record ProbeTarget(ObjectNode pod, String containerName, ContainerId id, Instant startedAt, String podIp,
                          List<ContainerPort> ports, List<ProbeSpec> probes) {}
