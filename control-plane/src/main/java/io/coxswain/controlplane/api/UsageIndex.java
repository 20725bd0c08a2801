package io.coxswain.controlplane.api;

import io.coxswain.protocol.entity.ResourceMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node agents' latest samples, by node name and by pod uid. Two answers about the same node or pod (a
 * restarted worker whose old incarnation is still registered for a moment) resolve to the newer sample.
 */
final class UsageIndex {
    private final Map<String, ResourceMetrics.NodeUsage> nodes = new HashMap<>();
    private final Map<String, ResourceMetrics.PodUsage> pods = new HashMap<>();

    static UsageIndex of(Collection<ResourceMetrics.Report> reports) {
        UsageIndex index = new UsageIndex();
        for (ResourceMetrics.Report report : reports) {
            report.nodes().forEach(n -> index.nodes.merge(n.node(), n,
                    (a, b) -> a.timestampMillis() >= b.timestampMillis() ? a : b));
            report.pods().forEach(p -> index.pods.merge(p.uid(), p,
                    (a, b) -> a.timestampMillis() >= b.timestampMillis() ? a : b));
        }
        return index;
    }

    Optional<ResourceMetrics.NodeUsage> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    Optional<ResourceMetrics.PodUsage> pod(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }
}
