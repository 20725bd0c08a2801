package io.coxswain.protocol.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every kind the API serves. Adding a kind here makes it appear in discovery and the REST paths. */
public final class ResourceTypes {
    private static final List<String> ALL = List.of("all");
    private static final List<String> NONE = List.of();

    public static final ResourceType POD = new ResourceType("", "v1", "Pod", "pods", "pod", true,
            List.of("po"), ALL, List.of("status", "log", "binding", "exec", "attach", "portforward"));
    public static final ResourceType NODE = new ResourceType("", "v1", "Node", "nodes", "node", false,
            List.of("no"), NONE, List.of("status"));
    public static final ResourceType NAMESPACE = new ResourceType("", "v1", "Namespace", "namespaces", "namespace", false,
            List.of("ns"), NONE, List.of("status", "finalize"));
    public static final ResourceType SERVICE = new ResourceType("", "v1", "Service", "services", "service", true,
            List.of("svc"), ALL, List.of("status"));
    public static final ResourceType ENDPOINTS = new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints", true,
            List.of("ep"), NONE, NONE);
    public static final ResourceType REPLICATION_CONTROLLER = new ResourceType("", "v1", "ReplicationController",
            "replicationcontrollers", "replicationcontroller", true, List.of("rc"), ALL, List.of("status", "scale"));
    public static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap", true,
            List.of("cm"), NONE, NONE);
    public static final ResourceType SECRET = new ResourceType("", "v1", "Secret", "secrets", "secret", true,
            NONE, NONE, NONE);
    public static final ResourceType EVENT = new ResourceType("", "v1", "Event", "events", "event", true,
            List.of("ev"), NONE, NONE);
    public static final ResourceType DEPLOYMENT = new ResourceType("apps", "v1", "Deployment", "deployments", "deployment",
            true, List.of("deploy"), ALL, List.of("status", "scale"));
    public static final ResourceType REPLICA_SET = new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset",
            true, List.of("rs"), ALL, List.of("status", "scale"));
    public static final ResourceType STATEFUL_SET = new ResourceType("apps", "v1", "StatefulSet", "statefulsets",
            "statefulset", true, List.of("sts"), ALL, List.of("status", "scale"));
    public static final ResourceType DAEMON_SET = new ResourceType("apps", "v1", "DaemonSet", "daemonsets", "daemonset",
            true, List.of("ds"), ALL, List.of("status"));
    public static final ResourceType HORIZONTAL_POD_AUTOSCALER = new ResourceType("autoscaling", "v2",
            "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true, List.of("hpa"), ALL,
            List.of("status"));

    public static final List<ResourceType> ALL_TYPES = List.of(POD, NODE, NAMESPACE, SERVICE, ENDPOINTS,
            REPLICATION_CONTROLLER, CONFIG_MAP, SECRET, EVENT, DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET,
            HORIZONTAL_POD_AUTOSCALER);

    private static final Map<String, ResourceType> BY_GROUP_VERSION_PLURAL = ALL_TYPES.stream()
            .collect(Collectors.toMap(t -> key(t.group(), t.version(), t.plural()), t -> t));
    private static final Map<String, ResourceType> BY_ENTITY_TYPE = ALL_TYPES.stream()
            .collect(Collectors.toMap(ResourceType::entityTypeName, t -> t));

    private ResourceTypes() {}

    public static Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(BY_GROUP_VERSION_PLURAL.get(key(group, version, plural)));
    }

    public static Optional<ResourceType> byEntityTypeName(String name) {
        return Optional.ofNullable(BY_ENTITY_TYPE.get(name));
    }

    /** Group name → its versions' resource types, in a stable order, for discovery. */
    public static Map<String, Map<String, List<ResourceType>>> byGroupAndVersion() {
        Map<String, Map<String, List<ResourceType>>> groups = new LinkedHashMap<>();
        for (ResourceType type : ALL_TYPES) {
            groups.computeIfAbsent(type.group(), g -> new LinkedHashMap<>())
                    .computeIfAbsent(type.version(), v -> new java.util.ArrayList<>())
                    .add(type);
        }
        return groups;
    }

    private static String key(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
