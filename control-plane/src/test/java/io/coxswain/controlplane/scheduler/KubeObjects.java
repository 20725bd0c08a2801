package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.util.List;
import java.util.UUID;

/** Node and Pod objects shaped as a Kubernetes API server returns them, with the knobs tests turn. */
final class KubeObjects {

    private KubeObjects() {}

    static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    static ClusterSnapshot snapshot(List<ObjectNode> nodes, List<ObjectNode> pods) {
        return ClusterSnapshot.of(nodes, pods);
    }

    static final class NodeBuilder {
        private final ObjectNode node;

        private NodeBuilder(String name) {
            node = Json.parseObject("""
                    {
                      "apiVersion": "v1",
                      "kind": "Node",
                      "metadata": {
                        "name": "%1$s",
                        "uid": "%2$s",
                        "resourceVersion": "4711",
                        "labels": {
                          "kubernetes.io/arch": "amd64",
                          "kubernetes.io/hostname": "%1$s",
                          "kubernetes.io/os": "linux"
                        }
                      },
                      "spec": {"podCIDR": "10.244.1.0/24"},
                      "status": {
                        "capacity": {"cpu": "4", "ephemeral-storage": "102350Mi", "memory": "8Gi", "pods": "110"},
                        "allocatable": {"cpu": "4", "ephemeral-storage": "94327Mi", "memory": "8Gi", "pods": "110"},
                        "conditions": [
                          {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
                          {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure"},
                          {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID"},
                          {"type": "Ready", "status": "True", "reason": "KubeletReady",
                           "message": "kubelet is posting ready status"}
                        ],
                        "nodeInfo": {"kubeletVersion": "v1.32.0", "containerRuntimeVersion": "docker://27.3.1"}
                      }
                    }
                    """.formatted(name, UUID.nameUUIDFromBytes(name.getBytes())));
        }

        /** Sets both allocatable and capacity. */
        NodeBuilder resources(String cpu, String memory, String pods) {
            for (String field : List.of("capacity", "allocatable")) {
                ObjectNode list = Json.child(Json.child(node, "status"), field);
                list.put("cpu", cpu).put("memory", memory).put("pods", pods);
            }
            return this;
        }

        NodeBuilder capacityOnly(String cpu, String memory, String pods) {
            resources(cpu, memory, pods);
            Json.child(node, "status").remove("allocatable");
            return this;
        }

        NodeBuilder allocatable(String cpu, String memory, String pods) {
            Json.child(Json.child(node, "status"), "allocatable").put("cpu", cpu).put("memory", memory).put("pods", pods);
            return this;
        }

        NodeBuilder label(String key, String value) {
            Json.child(Json.child(node, "metadata"), "labels").put(key, value);
            return this;
        }

        NodeBuilder withoutLabel(String key) {
            Json.child(Json.child(node, "metadata"), "labels").remove(key);
            return this;
        }

        NodeBuilder taint(String key, String value, String effect) {
            ObjectNode spec = Json.child(node, "spec");
            ArrayNode taints = spec.has("taints") ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
            ObjectNode taint = taints.addObject().put("key", key);
            if (value != null) {
                taint.put("value", value);
            }
            taint.put("effect", effect);
            return this;
        }

        NodeBuilder cordoned() {
            Json.child(node, "spec").put("unschedulable", true);
            return taint(Taint.UNSCHEDULABLE_KEY, null, Taint.NO_SCHEDULE);
        }

        NodeBuilder ready(String status) {
            for (var condition : node.path("status").path("conditions")) {
                if (condition.path("type").asText().equals("Ready")) {
                    ((ObjectNode) condition).put("status", status)
                            .put("reason", status.equals("True") ? "KubeletReady" : "NodeStatusUnknown");
                }
            }
            return this;
        }

        ObjectNode build() {
            return node;
        }
    }

    static final class PodBuilder {
        private final ObjectNode pod;

        private PodBuilder(String name) {
            pod = Json.parseObject("""
                    {
                      "apiVersion": "v1",
                      "kind": "Pod",
                      "metadata": {
                        "name": "%1$s",
                        "namespace": "default",
                        "uid": "%2$s",
                        "resourceVersion": "815",
                        "creationTimestamp": "2026-11-27T10:00:00Z"
                      },
                      "spec": {
                        "containers": [
                          {"name": "app", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent", "resources": {},
                           "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
                        ],
                        "restartPolicy": "Always",
                        "dnsPolicy": "ClusterFirst",
                        "schedulerName": "default-scheduler",
                        "terminationGracePeriodSeconds": 30,
                        "tolerations": [
                          {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                           "tolerationSeconds": 300},
                          {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                           "tolerationSeconds": 300}
                        ]
                      },
                      "status": {"phase": "Pending", "qosClass": "BestEffort"}
                    }
                    """.formatted(name, UUID.nameUUIDFromBytes(name.getBytes())));
        }

        PodBuilder namespace(String namespace) {
            Json.child(pod, "metadata").put("namespace", namespace);
            return this;
        }

        PodBuilder label(String key, String value) {
            Json.child(Json.child(pod, "metadata"), "labels").put(key, value);
            return this;
        }

        PodBuilder ownedBy(String kind, String name, String uid) {
            Json.child(pod, "metadata").putArray("ownerReferences").addObject()
                    .put("apiVersion", "apps/v1").put("kind", kind).put("name", name).put("uid", uid)
                    .put("controller", true).put("blockOwnerDeletion", true);
            return this;
        }

        /** Requests of the first container. */
        PodBuilder requests(String cpu, String memory) {
            ObjectNode container = (ObjectNode) pod.path("spec").path("containers").get(0);
            setRequests(container, cpu, memory);
            return this;
        }

        PodBuilder container(String name, String cpu, String memory) {
            ObjectNode container = ((ArrayNode) pod.path("spec").path("containers")).addObject()
                    .put("name", name).put("image", "busybox:1.36");
            setRequests(container, cpu, memory);
            return this;
        }

        PodBuilder initContainer(String name, String cpu, String memory) {
            ObjectNode spec = Json.child(pod, "spec");
            ArrayNode inits = spec.has("initContainers") ? (ArrayNode) spec.get("initContainers")
                    : spec.putArray("initContainers");
            setRequests(inits.addObject().put("name", name).put("image", "busybox:1.36"), cpu, memory);
            return this;
        }

        PodBuilder sidecar(String name, String cpu, String memory) {
            initContainer(name, cpu, memory);
            ArrayNode inits = (ArrayNode) pod.path("spec").path("initContainers");
            ((ObjectNode) inits.get(inits.size() - 1)).put("restartPolicy", "Always");
            return this;
        }

        PodBuilder hostPort(int port, String protocol) {
            ObjectNode container = (ObjectNode) pod.path("spec").path("containers").get(0);
            ArrayNode ports = container.has("ports") ? (ArrayNode) container.get("ports") : container.putArray("ports");
            ports.addObject().put("name", protocol.toLowerCase() + "-" + port).put("containerPort", port)
                    .put("hostPort", port).put("protocol", protocol);
            return this;
        }

        PodBuilder nodeSelector(String key, String value) {
            Json.child(Json.child(pod, "spec"), "nodeSelector").put(key, value);
            return this;
        }

        /** Sets a spec field from JSON text, e.g. {@code spec("affinity", "{...}")}. */
        PodBuilder spec(String field, String json) {
            Json.child(pod, "spec").set(field, Json.parse(json));
            return this;
        }

        PodBuilder boundTo(String nodeName) {
            Json.child(pod, "spec").put("nodeName", nodeName);
            Json.child(pod, "status").put("phase", "Running");
            return this;
        }

        PodBuilder phase(String phase) {
            Json.child(pod, "status").put("phase", phase);
            return this;
        }

        ObjectNode build() {
            return pod;
        }

        PodInfo info() {
            return PodInfo.of(pod);
        }

        private static void setRequests(ObjectNode container, String cpu, String memory) {
            ObjectNode requests = Json.child(Json.child(container, "resources"), "requests");
            if (cpu != null) {
                requests.put("cpu", cpu);
            }
            if (memory != null) {
                requests.put("memory", memory);
            }
        }
    }
}
