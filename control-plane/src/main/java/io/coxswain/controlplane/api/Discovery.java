package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents kubectl and the Java clients read before anything else: /version,
 * /api, /apis and one resource list per group-version (shortNames make {@code po} work,
 * categories make {@code get all} work, subresource entries make {@code scale} work).
 */
final class Discovery {
    private static final List<String> OBJECT_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");

    private Discovery() {}

    /** minor "32": the kubectl on these machines picks its own built-in client for it. */
    static ObjectNode version() {
        ObjectNode version = Json.object();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", "v1.32.0-coxswain");
        version.put("gitCommit", "coxswain");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2026-11-27T00:00:00Z");
        version.put("goVersion", "go1.23 (Coxswain runs on Java " + Runtime.version().feature() + ")");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }

    static ObjectNode coreVersions() {
        ObjectNode api = Json.object();
        api.put("kind", "APIVersions");
        api.putArray("versions").add("v1");
        ArrayNode addresses = api.putArray("serverAddressByClientCIDRs");
        ObjectNode address = addresses.addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", "");
        return api;
    }

    static ObjectNode groups() {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (Map.Entry<String, Map<String, List<ResourceType>>> group : ResourceTypes.byGroupAndVersion().entrySet()) {
            if (!group.getKey().isEmpty()) {
                groups.add(group(group.getKey(), group.getValue().keySet().iterator().next()));
            }
        }
        // Last, so that "pods" and "nodes" still mean the core kinds to kubectl.
        groups.add(group(MetricsDocuments.GROUP, MetricsDocuments.VERSION));
        return list;
    }

    static ObjectNode group(String name, String version) {
        ObjectNode group = Json.object();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        ObjectNode groupVersion = Json.object();
        groupVersion.put("groupVersion", name + "/" + version);
        groupVersion.put("version", version);
        group.putArray("versions").add(groupVersion);
        group.set("preferredVersion", groupVersion.deepCopy());
        return group;
    }

    /** The resource list of one group-version, or null when it is not served. */
    static ObjectNode resources(String group, String version) {
        List<ResourceType> types = ResourceTypes.byGroupAndVersion().getOrDefault(group, Map.of()).get(version);
        if (types == null) {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
            strings(resource.putArray("verbs"), OBJECT_VERBS);
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            resource.put("storageVersionHash", Integer.toHexString(type.kind().hashCode()));
            for (String subresource : type.subresources()) {
                resources.add(subresource(type, subresource));
            }
        }
        return list;
    }

    /** metrics.k8s.io/v1beta1 as metrics-server publishes it: read-only nodes and pods (see {@link MetricsRoutes}). */
    static ObjectNode metricsResources() {
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", MetricsDocuments.API_VERSION);
        ArrayNode resources = list.putArray("resources");
        for (String[] resource : new String[][] {{"nodes", "NodeMetrics", "false"}, {"pods", "PodMetrics", "true"}}) {
            ObjectNode entry = resources.addObject();
            entry.put("name", resource[0]);
            entry.put("singularName", "");
            entry.put("namespaced", Boolean.parseBoolean(resource[2]));
            entry.put("kind", resource[1]);
            strings(entry.putArray("verbs"), List.of("get", "list"));
        }
        return list;
    }

    private static ObjectNode subresource(ResourceType type, String subresource) {
        ObjectNode resource = Json.object();
        resource.put("name", type.plural() + "/" + subresource);
        resource.put("singularName", "");
        resource.put("namespaced", type.namespaced());
        switch (subresource) {
            case "scale" -> {
                resource.put("group", "autoscaling");
                resource.put("version", "v1");
                resource.put("kind", "Scale");
                strings(resource.putArray("verbs"), List.of("get", "patch", "update"));
            }
            case "log" -> {
                resource.put("kind", "Pod");
                strings(resource.putArray("verbs"), List.of("get"));
            }
            case "exec", "attach", "portforward" -> {
                // kube-apiserver's kinds for the options of these connect subresources.
                resource.put("kind", switch (subresource) {
                    case "exec" -> "PodExecOptions";
                    case "attach" -> "PodAttachOptions";
                    default -> "PodPortForwardOptions";
                });
                strings(resource.putArray("verbs"), List.of("create", "get"));
            }
            case "binding" -> {
                resource.put("kind", "Binding");
                strings(resource.putArray("verbs"), List.of("create"));
            }
            default -> {
                resource.put("kind", type.kind());
                strings(resource.putArray("verbs"), List.of("get", "patch", "update"));
            }
        }
        return resource;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
