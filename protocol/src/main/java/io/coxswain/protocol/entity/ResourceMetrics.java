package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * How a master serves {@code metrics.k8s.io}: every node agent samples CPU and memory of its node and of the
 * containers it runs, keeps the latest sample in memory (nothing is persisted, as with metrics-server), and
 * answers a {@link Request} with it. All agents register under the one {@link #SERVICE_KEY}, so a master asks
 * every agent it finds and joins the answers with the Pods and Nodes of its watch cache.
 *
 * <p>CPU is a rate over the sample's window (difference of cumulative CPU time / elapsed time), in billionths of
 * a core; memory is the working set in bytes. Times are epoch milliseconds.
 */
public final class ResourceMetrics {
    public static final ServiceKey<Request> SERVICE_KEY = ServiceKey.create(Request.class,
            "coxswain-resource-metrics");

    private ResourceMetrics() {}

    public record Request(ActorRef<Report> replyTo) implements CborSerializable {}

    /**
     * The latest sample of the node(s) an agent serves and of their pods. A node or pod not sampled twice yet (no
     * window to compute a rate over) is missing.
     */
    public record Report(List<NodeUsage> nodes, List<PodUsage> pods) implements CborSerializable {
        public static final Report EMPTY = new Report(List.of(), List.of());
    }

    public record NodeUsage(String node, long timestampMillis, long windowMillis, long cpuNanoCores,
                            long memoryBytes) implements CborSerializable {}

    /** One pod's running containers, sampled together. */
    public record PodUsage(String uid, String namespace, String name, String node, long timestampMillis,
                           long windowMillis, List<ContainerUsage> containers) implements CborSerializable {

        public long cpuNanoCores() {
            return containers.stream().mapToLong(ContainerUsage::cpuNanoCores).sum();
        }

        public long memoryBytes() {
            return containers.stream().mapToLong(ContainerUsage::memoryBytes).sum();
        }
    }

    public record ContainerUsage(String name, long cpuNanoCores, long memoryBytes) implements CborSerializable {}
}
