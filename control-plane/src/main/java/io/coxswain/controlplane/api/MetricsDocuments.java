package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.ResourceMetrics;
import io.coxswain.protocol.json.Json;
import java.util.List;

/**
 * The objects of {@code metrics.k8s.io/v1beta1} in Kubernetes' JSON shapes: NodeMetrics and PodMetrics (with
 * per-container usage) and their lists. Metadata comes from the Node or Pod, as metrics-server copies it: name,
 * namespace, labels, and the time the metrics object was made as its creationTimestamp.
 */
final class MetricsDocuments {
    static final String GROUP = "metrics.k8s.io";
    static final String VERSION = "v1beta1";
    static final String API_VERSION = GROUP + "/" + VERSION;

    private MetricsDocuments() {}

    static ObjectNode nodeMetrics(ResourceMetrics.NodeUsage usage, JsonNode node, long nowMillis) {
        ObjectNode metrics = object("NodeMetrics", node, nowMillis);
        metrics.put("timestamp", UsageQuantities.timestamp(usage.timestampMillis()));
        metrics.put("window", UsageQuantities.window(usage.windowMillis()));
        usage(metrics.putObject("usage"), usage.cpuNanoCores(), usage.memoryBytes());
        return metrics;
    }

    static ObjectNode podMetrics(ResourceMetrics.PodUsage usage, JsonNode pod, long nowMillis) {
        ObjectNode metrics = object("PodMetrics", pod, nowMillis);
        metrics.put("timestamp", UsageQuantities.timestamp(usage.timestampMillis()));
        metrics.put("window", UsageQuantities.window(usage.windowMillis()));
        ArrayNode containers = metrics.putArray("containers");
        for (ResourceMetrics.ContainerUsage container : usage.containers()) {
            ObjectNode entry = containers.addObject();
            entry.put("name", container.name());
            usage(entry.putObject("usage"), container.cpuNanoCores(), container.memoryBytes());
        }
        return metrics;
    }

    /** {@code NodeMetricsList} or {@code PodMetricsList}; metrics-server's lists carry no resourceVersion. */
    static ObjectNode list(String kind, List<ObjectNode> items) {
        ObjectNode list = Json.object();
        list.put("kind", kind + "List");
        list.put("apiVersion", API_VERSION);
        list.putObject("metadata");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    private static ObjectNode object(String kind, JsonNode source, long nowMillis) {
        ObjectNode metrics = Json.object();
        metrics.put("kind", kind);
        metrics.put("apiVersion", API_VERSION);
        ObjectNode metadata = metrics.putObject("metadata");
        JsonNode sourceMetadata = source.path("metadata");
        metadata.put("name", sourceMetadata.path("name").asText());
        if (sourceMetadata.hasNonNull("namespace")) {
            metadata.put("namespace", sourceMetadata.path("namespace").asText());
        }
        metadata.put("creationTimestamp", UsageQuantities.timestamp(nowMillis));
        if (sourceMetadata.path("labels").isObject() && !sourceMetadata.path("labels").isEmpty()) {
            metadata.set("labels", sourceMetadata.path("labels").deepCopy());
        }
        return metrics;
    }

    private static void usage(ObjectNode usage, long cpuNanoCores, long memoryBytes) {
        usage.put("cpu", UsageQuantities.cpu(cpuNanoCores));
        usage.put("memory", UsageQuantities.memory(memoryBytes));
    }
}
