package io.coxswain.node.agent.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.ApiObjects;
import io.coxswain.node.agent.ContainerConfigException;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.quantity.Quantities;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: {@code envFrom} sources first (ConfigMaps and
 * Secrets, with their prefix), then {@code env} in order, each value able to refer to the variables
 * before it with {@code $(NAME)}. Values come from literals, ConfigMap and Secret keys, the pod's own
 * fields ({@code fieldRef}) and the container's resources ({@code resourceFieldRef}).
 *
 * @param podIp  the sandbox's address, known once the sandbox exists (for {@code status.podIP})
 * @param nodeCpuMillis    what {@code limits.cpu} means for a container without a CPU limit: the node's allocatable
 * @param nodeMemoryBytes  likewise for memory
 */
public record ContainerEnvironment(ApiObjects objects, ObjectNode pod, String podIp, String hostIp,
                                   long nodeCpuMillis, long nodeMemoryBytes) {
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    /** @throws ContainerConfigException naming the missing object or key, as the kubelet does */
    public Map<String, String> resolve(JsonNode container) {
        String namespace = Json.text(pod, "metadata.namespace");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            Optional<ConfigData> data = Optional.empty();
            if (source.has("configMapRef")) {
                data = required(ConfigData.configMap(objects, namespace, name(source.get("configMapRef"))),
                        "ConfigMap", source.get("configMapRef"));
            } else if (source.has("secretRef")) {
                data = required(ConfigData.secret(objects, namespace, name(source.get("secretRef"))),
                        "Secret", source.get("secretRef"));
            }
            data.ifPresent(d -> d.entries().keySet().forEach(key -> {
                // Keys that cannot be variable names are skipped, as the kubelet does.
                if (ENV_NAME.matcher(prefix + key).matches()) {
                    env.put(prefix + key, d.text(key));
                }
            }));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("valueFrom")) {
                valueFrom(variable.get("valueFrom"), container, namespace).ifPresent(value -> env.put(name, value));
            } else {
                env.put(name, VariableExpansion.expand(variable.path("value").asText(""), env));
            }
        }
        return env;
    }

    private Optional<String> valueFrom(JsonNode from, JsonNode container, String namespace) {
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.get("configMapKeyRef");
            return required(ConfigData.configMap(objects, namespace, name(ref)), "ConfigMap", ref)
                    .flatMap(data -> key(data, ref));
        }
        if (from.has("secretKeyRef")) {
            JsonNode ref = from.get("secretKeyRef");
            return required(ConfigData.secret(objects, namespace, name(ref)), "Secret", ref)
                    .flatMap(data -> key(data, ref));
        }
        if (from.has("fieldRef")) {
            return Optional.of(field(from.get("fieldRef").path("fieldPath").asText()));
        }
        if (from.has("resourceFieldRef")) {
            return Optional.of(resource(from.get("resourceFieldRef"), container));
        }
        return Optional.empty();
    }

    private static Optional<ConfigData> required(Optional<ConfigData> data, String kind, JsonNode ref) {
        if (data.isEmpty() && !ref.path("optional").asBoolean(false)) {
            throw ConfigData.notFound(kind, name(ref));
        }
        return data;
    }

    private static Optional<String> key(ConfigData data, JsonNode ref) {
        String key = ref.path("key").asText();
        if (!data.entries().containsKey(key) && ref.path("optional").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(data.text(key));
    }

    private static String name(JsonNode ref) {
        return ref.path("name").asText();
    }

    /** The downward API's pod fields. */
    public String field(String path) {
        Matcher subscript = SUBSCRIPT.matcher(path);
        if (subscript.matches()) {
            return pod.path("metadata").path(subscript.group(1)).path(subscript.group(2)).asText("");
        }
        return switch (path) {
            case "metadata.name" -> Json.text(pod, "metadata.name");
            case "metadata.namespace" -> Json.text(pod, "metadata.namespace");
            case "metadata.uid" -> Json.text(pod, "metadata.uid");
            case "metadata.labels" -> keyValueLines(pod.path("metadata").path("labels"));
            case "metadata.annotations" -> keyValueLines(pod.path("metadata").path("annotations"));
            case "spec.nodeName" -> Json.text(pod, "spec.nodeName");
            case "spec.serviceAccountName" -> Json.text(pod, "spec.serviceAccountName");
            case "status.podIP", "status.podIPs" -> podIp;
            case "status.hostIP", "status.hostIPs" -> hostIp;
            default -> throw new ContainerConfigException("unsupported fieldPath: " + path);
        };
    }

    /** {@code limits.cpu} and friends, divided by the divisor and rounded up, as the kubelet does. */
    private String resource(JsonNode ref, JsonNode container) {
        JsonNode target = container;
        String containerName = ref.path("containerName").asText("");
        if (!containerName.isEmpty()) {
            target = findContainer(containerName);
        }
        String resource = ref.path("resource").asText();
        boolean cpu = resource.endsWith("cpu");
        String[] parts = resource.split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))) {
            throw new ContainerConfigException("unsupported container resource: " + resource);
        }
        JsonNode declared = target.path("resources").path(parts[0]).path(parts[1]);
        if (declared.isMissingNode() && parts[0].equals("requests")) {
            declared = target.path("resources").path("limits").path(parts[1]); // a request defaults to the limit
        }
        BigDecimal value;
        if (!declared.isMissingNode()) {
            value = Quantities.parse(declared.asText());
        } else if (parts[0].equals("limits")) {
            value = cpu ? BigDecimal.valueOf(nodeCpuMillis, 3) : BigDecimal.valueOf(nodeMemoryBytes);
        } else {
            value = BigDecimal.ZERO;
        }
        BigDecimal divisor = ref.has("divisor") ? Quantities.parse(ref.get("divisor").asText()) : BigDecimal.ONE;
        if (divisor.signum() <= 0) {
            divisor = BigDecimal.ONE;
        }
        return value.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private JsonNode findContainer(String name) {
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode container : pod.path("spec").path(list)) {
                if (name.equals(container.path("name").asText())) {
                    return container;
                }
            }
        }
        throw new ContainerConfigException("container " + name + " not found in pod "
                + Json.text(pod, "metadata.name"));
    }

    /** The downward API's file format for a whole map: {@code key="value"} lines, sorted by key. */
    public static String keyValueLines(JsonNode map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n")).append("\"\n"));
        return out.toString().stripTrailing();
    }
}
