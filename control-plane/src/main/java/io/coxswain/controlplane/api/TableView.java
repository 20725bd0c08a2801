package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code meta.k8s.io/v1 Table} kubectl asks for: the columns Kubernetes prints for each kind
 * (priority 1 columns appear with {@code -o wide}), and each row's object as
 * PartialObjectMetadata so {@code --show-labels} and {@code -A} work.
 */
final class TableView {
    private record Column(String name, String type, String format, int priority, String description,
                          Function<JsonNode, Object> cell) {}

    private final Clock clock;

    TableView(Clock clock) {
        this.clock = clock;
    }

    ObjectNode table(ResourceType type, List<JsonNode> objects, String resourceVersion, String continueToken,
                     Long remaining) {
        List<Column> columns = columns(type.kind());
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        metadata.put("resourceVersion", resourceVersion);
        if (continueToken != null) {
            metadata.put("continue", continueToken);
            if (remaining != null) {
                metadata.put("remainingItemCount", remaining);
            }
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column column : columns) {
            ObjectNode definition = definitions.addObject();
            definition.put("name", column.name());
            definition.put("type", column.type());
            definition.put("format", column.format());
            definition.put("description", column.description());
            definition.put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column column : columns) {
                Object value = column.cell().apply(object);
                if (value instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(value == null ? "" : value.toString());
                }
            }
            row.set("object", partialMetadata(object));
        }
        return table;
    }

    private static ObjectNode partialMetadata(JsonNode object) {
        ObjectNode partial = Json.object();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return partial;
    }

    private List<Column> columns(String kind) {
        List<Column> c = new ArrayList<>();
        c.add(name());
        switch (kind) {
            case "Pod" -> {
                c.add(col("Ready", "string", this::podReady));
                c.add(col("Status", "string", TableView::podStatus));
                c.add(new Column("Restarts", "string", "", 0, "The number of times the containers in this pod have been restarted", TableView::podRestarts));
                c.add(age());
                c.add(wide("IP", o -> orNone(Json.text(o, "status.podIP"))));
                c.add(wide("Node", o -> orNone(Json.text(o, "spec.nodeName"))));
                c.add(wide("Nominated Node", o -> orNone(Json.text(o, "status.nominatedNodeName"))));
                c.add(wide("Readiness Gates", o -> "<none>"));
            }
            case "Node" -> {
                c.add(col("Status", "string", TableView::nodeStatus));
                c.add(col("Roles", "string", o -> "<none>"));
                c.add(age());
                c.add(col("Version", "string", o -> Json.text(o, "status.nodeInfo.kubeletVersion")));
                c.add(wide("Internal-IP", o -> orNone(address(o, "InternalIP"))));
                c.add(wide("External-IP", o -> orNone(address(o, "ExternalIP"))));
                c.add(wide("OS-Image", o -> orUnknown(Json.text(o, "status.nodeInfo.osImage"))));
                c.add(wide("Kernel-Version", o -> orUnknown(Json.text(o, "status.nodeInfo.kernelVersion"))));
                c.add(wide("Container-Runtime", o -> orUnknown(Json.text(o, "status.nodeInfo.containerRuntimeVersion"))));
            }
            case "Namespace" -> {
                c.add(col("Status", "string", o -> Json.text(o, "status.phase")));
                c.add(age());
            }
            case "Service" -> {
                c.add(col("Type", "string", o -> Json.text(o, "spec.type")));
                c.add(col("Cluster-IP", "string", o -> orNone(Json.text(o, "spec.clusterIP"))));
                c.add(col("External-IP", "string", TableView::serviceExternalIp));
                c.add(col("Port(s)", "string", TableView::servicePorts));
                c.add(age());
                c.add(wide("Selector", o -> selectorMap(o.path("spec").path("selector"))));
            }
            case "Endpoints" -> {
                c.add(col("Endpoints", "string", TableView::endpoints));
                c.add(age());
            }
            case "ReplicationController", "ReplicaSet" -> {
                c.add(col("Desired", "integer", o -> o.path("spec").path("replicas").asLong(0)));
                c.add(col("Current", "integer", o -> o.path("status").path("replicas").asLong(0)));
                c.add(col("Ready", "integer", o -> o.path("status").path("readyReplicas").asLong(0)));
                c.add(age());
                c.add(wide("Containers", o -> containers(o, "name")));
                c.add(wide("Images", o -> containers(o, "image")));
                c.add(wide("Selector", o -> kind.equals("ReplicaSet") ? labelSelector(o.path("spec").path("selector"))
                        : selectorMap(o.path("spec").path("selector"))));
            }
            case "ConfigMap" -> {
                c.add(col("Data", "integer", o -> (long) (o.path("data").size() + o.path("binaryData").size())));
                c.add(age());
            }
            case "Secret" -> {
                c.add(col("Type", "string", o -> Json.text(o, "type")));
                c.add(col("Data", "integer", o -> (long) o.path("data").size()));
                c.add(age());
            }
            case "Event" -> {
                c.clear();
                c.add(col("Last Seen", "string", o -> ageOf(firstNonEmpty(Json.text(o, "lastTimestamp"),
                        Json.text(o, "eventTime"), Json.text(o, "metadata.creationTimestamp")))));
                c.add(col("Type", "string", o -> Json.text(o, "type")));
                c.add(col("Reason", "string", o -> Json.text(o, "reason")));
                c.add(col("Object", "string", o -> Json.text(o, "involvedObject.kind").toLowerCase() + "/"
                        + Json.text(o, "involvedObject.name")));
                c.add(col("Message", "string", o -> Json.text(o, "message")));
                c.add(wide("Name", o -> Json.text(o, "metadata.name")));
            }
            case "Deployment" -> {
                c.add(col("Ready", "string", o -> o.path("status").path("readyReplicas").asLong(0) + "/"
                        + o.path("spec").path("replicas").asLong(0)));
                c.add(col("Up-to-date", "integer", o -> o.path("status").path("updatedReplicas").asLong(0)));
                c.add(col("Available", "integer", o -> o.path("status").path("availableReplicas").asLong(0)));
                c.add(age());
                c.add(wide("Containers", o -> containers(o, "name")));
                c.add(wide("Images", o -> containers(o, "image")));
                c.add(wide("Selector", o -> labelSelector(o.path("spec").path("selector"))));
            }
            case "StatefulSet" -> {
                c.add(col("Ready", "string", o -> o.path("status").path("readyReplicas").asLong(0) + "/"
                        + o.path("spec").path("replicas").asLong(0)));
                c.add(age());
                c.add(wide("Containers", o -> containers(o, "name")));
                c.add(wide("Images", o -> containers(o, "image")));
            }
            case "DaemonSet" -> {
                c.add(col("Desired", "integer", o -> o.path("status").path("desiredNumberScheduled").asLong(0)));
                c.add(col("Current", "integer", o -> o.path("status").path("currentNumberScheduled").asLong(0)));
                c.add(col("Ready", "integer", o -> o.path("status").path("numberReady").asLong(0)));
                c.add(col("Up-to-date", "integer", o -> o.path("status").path("updatedNumberScheduled").asLong(0)));
                c.add(col("Available", "integer", o -> o.path("status").path("numberAvailable").asLong(0)));
                c.add(col("Node Selector", "string", o -> orNone(selectorMap(o.path("spec").path("template")
                        .path("spec").path("nodeSelector")))));
                c.add(age());
                c.add(wide("Containers", o -> containers(o, "name")));
                c.add(wide("Images", o -> containers(o, "image")));
                c.add(wide("Selector", o -> labelSelector(o.path("spec").path("selector"))));
            }
            case "HorizontalPodAutoscaler" -> {
                c.add(col("Reference", "string", o -> Json.text(o, "spec.scaleTargetRef.kind") + "/"
                        + Json.text(o, "spec.scaleTargetRef.name")));
                c.add(col("Targets", "string", TableView::hpaTargets));
                c.add(col("MinPods", "string", o -> o.path("spec").path("minReplicas").asText("<unset>")));
                c.add(col("MaxPods", "integer", o -> o.path("spec").path("maxReplicas").asLong(0)));
                c.add(col("Replicas", "integer", o -> o.path("status").path("currentReplicas").asLong(0)));
                c.add(age());
            }
            default -> c.add(age());
        }
        return c;
    }

    private static Column name() {
        return new Column("Name", "string", "name", 0,
                "Name must be unique within a namespace. Cannot be updated.", o -> Json.text(o, "metadata.name"));
    }

    private Column age() {
        return new Column("Age", "string", "", 0, "CreationTimestamp is a timestamp representing the server time "
                + "when this object was created.", o -> ageOf(Json.text(o, "metadata.creationTimestamp")));
    }

    private static Column col(String name, String type, Function<JsonNode, Object> cell) {
        return new Column(name, type, "", 0, name, cell);
    }

    private static Column wide(String name, Function<JsonNode, Object> cell) {
        return new Column(name, "string", "", 1, name, cell);
    }

    private String ageOf(String timestamp) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp), clock.instant()));
        } catch (RuntimeException e) {
            return "<unknown>";
        }
    }

    private Object podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        long ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** What kubectl shows in STATUS: a waiting or terminated reason wins over the phase. */
    static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        String reason = Json.text(pod, "status.reason");
        String status = reason.isEmpty() ? Json.text(pod, "status.phase") : reason;
        String initializing = initStatus(pod);
        if (initializing != null) {
            return initializing;
        }
        for (JsonNode container : pod.path("status").path("containerStatuses")) {
            String waiting = container.path("state").path("waiting").path("reason").asText("");
            String terminated = container.path("state").path("terminated").path("reason").asText("");
            if (!waiting.isEmpty()) {
                status = waiting;
            } else if (!terminated.isEmpty()) {
                status = terminated;
            }
        }
        return status.isEmpty() ? "Pending" : status;
    }

    /**
     * kubectl's STATUS while init containers have not all succeeded: {@code Init:1/2} while they run,
     * {@code Init:Error} or {@code Init:CrashLoopBackOff} when one fails; null once initialized.
     */
    private static String initStatus(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("initContainerStatuses");
        int total = pod.path("spec").path("initContainers").size();
        for (int i = 0; i < statuses.size(); i++) {
            JsonNode state = statuses.get(i).path("state");
            JsonNode terminated = state.path("terminated");
            String waiting = state.path("waiting").path("reason").asText("");
            if (terminated.isObject() && terminated.path("exitCode").asInt() == 0) {
                continue;
            }
            if (terminated.isObject()) {
                String why = terminated.path("reason").asText("");
                return why.isEmpty() ? "Init:ExitCode:" + terminated.path("exitCode").asInt() : "Init:" + why;
            }
            if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
                return "Init:" + waiting;
            }
            return "Init:" + i + "/" + total;
        }
        return null;
    }

    private static Object podRestarts(JsonNode pod) {
        long restarts = 0;
        for (JsonNode status : pod.path("status").path("initContainerStatuses")) {
            restarts += status.path("restartCount").asLong(0);
        }
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            restarts += status.path("restartCount").asLong(0);
        }
        return Long.toString(restarts);
    }

    private static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : node.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                status = "True".equals(condition.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status += ",SchedulingDisabled";
        }
        return status;
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (type.equals(address.path("type").asText())) {
                return address.path("address").asText();
            }
        }
        return "";
    }

    private static String serviceExternalIp(JsonNode service) {
        List<String> ips = new ArrayList<>();
        service.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
        service.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.path("ip").asText()));
        if (!ips.isEmpty()) {
            return String.join(",", ips);
        }
        String type = Json.text(service, "spec.type");
        if ("LoadBalancer".equals(type)) {
            return "<pending>";
        }
        if ("ExternalName".equals(type)) {
            return Json.text(service, "spec.externalName");
        }
        return "<none>";
    }

    private static String servicePorts(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            String text = port.path("port").asText();
            if (port.has("nodePort")) {
                text += ":" + port.path("nodePort").asText();
            }
            ports.add(text + "/" + port.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String endpoints(JsonNode endpoints) {
        List<String> list = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                for (JsonNode port : subset.path("ports")) {
                    list.add(address.path("ip").asText() + ":" + port.path("port").asText());
                }
            }
        }
        if (list.isEmpty()) {
            return "<none>";
        }
        return list.size() > 3 ? String.join(",", list.subList(0, 3)) + " + " + (list.size() - 3) + " more..."
                : String.join(",", list);
    }

    private static String containers(JsonNode object, String field) {
        List<String> values = new ArrayList<>();
        object.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> values.add(c.path(field).asText()));
        return String.join(",", values);
    }

    private static String selectorMap(JsonNode map) {
        List<String> parts = new ArrayList<>();
        map.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    private static String labelSelector(JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return "<none>";
        }
        String text = io.coxswain.protocol.selector.LabelSelector.fromJson(selector).toString();
        return text.isEmpty() ? "<none>" : text;
    }

    private static String hpaTargets(JsonNode hpa) {
        List<String> targets = new ArrayList<>();
        JsonNode current = hpa.path("status").path("currentMetrics");
        int i = 0;
        for (JsonNode metric : hpa.path("spec").path("metrics")) {
            JsonNode target = metric.path("resource").path("target");
            String want = target.has("averageUtilization") ? target.path("averageUtilization").asText() + "%"
                    : target.path("averageValue").asText(target.path("value").asText("<unknown>"));
            JsonNode observed = current.path(i).path("resource").path("current");
            String have = observed.has("averageUtilization") ? observed.path("averageUtilization").asText() + "%"
                    : "<unknown>";
            targets.add(metric.path("resource").path("name").asText("") + ": " + have + "/" + want);
            i++;
        }
        return targets.isEmpty() ? "<none>" : String.join(", ", targets);
    }

    private static String orNone(String value) {
        return value.isEmpty() ? "<none>" : value;
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
