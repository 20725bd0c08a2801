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

    /** A NodeMetrics or PodMetrics object and the totals a Table row shows of it. */
    record Item(ObjectNode object, long cpuNanoCores, long memoryBytes, long windowMillis) {
        static Item of(ResourceMetrics.NodeUsage usage, JsonNode node, long nowMillis) {
            return new Item(nodeMetrics(usage, node, nowMillis), usage.cpuNanoCores(), usage.memoryBytes(),
                    usage.windowMillis());
        }

        static Item of(ResourceMetrics.PodUsage usage, JsonNode pod, long nowMillis) {
            return new Item(podMetrics(usage, pod, nowMillis), usage.cpuNanoCores(), usage.memoryBytes(),
                    usage.windowMillis());
        }
    }

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

    /**
     * The Table {@code kubectl get podmetrics} asks for, with metrics-server's columns: Name, cpu, memory (a pod's
     * summed over its containers) and Window.
     */
    static ObjectNode table(List<Item> items) {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        column(columns, "Name", "name", "Name must be unique within a namespace.");
        column(columns, "cpu", "quantity", "CPU used, averaged over the window.");
        column(columns, "memory", "quantity", "Memory in use (working set).");
        column(columns, "Window", "duration", "The time the CPU usage was averaged over.");
        ArrayNode rows = table.putArray("rows");
        for (Item item : items) {
            ObjectNode row = rows.addObject();
            row.putArray("cells").add(item.object().path("metadata").path("name").asText())
                    .add(UsageQuantities.cpu(item.cpuNanoCores())).add(UsageQuantities.memory(item.memoryBytes()))
                    .add(UsageQuantities.window(item.windowMillis()));
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata");
            partial.put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", item.object().path("metadata").deepCopy());
        }
        return table;
    }

    private static void column(ArrayNode columns, String name, String format, String description) {
        ObjectNode column = columns.addObject();
        column.put("name", name);
        column.put("type", "string");
        column.put("format", format);
        column.put("description", description);
        column.put("priority", 0);
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
