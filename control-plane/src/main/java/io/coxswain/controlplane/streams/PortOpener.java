package io.coxswain.controlplane.streams;

import io.coxswain.protocol.entity.PodStreams;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.SourceRef;

/** Opens one connection to a port of the pod, through the agent of its node. */
@FunctionalInterface
public interface PortOpener {
    CompletionStage<PodStreams.Forwarding> open(int port, SourceRef<PodStreams.Chunk> input);
}
