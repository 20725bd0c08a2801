package io.coxswain.protocol.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;

/**
 * The fields the server fills in when a manifest leaves them out, as Kubernetes' defaulting
 * does, so {@code kubectl get -o yaml} shows what a Kubernetes user expects and controllers
 * can rely on them (Deployment {@code strategy}, StatefulSet/DaemonSet {@code updateStrategy},
 * Pod {@code restartPolicy}, …). Each method mutates the object it is given.
 */
public final class ObjectDefaults {
    private ObjectDefaults() {}

    public static void apply(String kind, ObjectNode object) {
        ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : null;
        switch (kind) {
            case "Pod" -> {
                podSpec(Json.child(object, "spec"));
                defaultTolerations(Json.child(object, "spec"));
                ObjectNode status = Json.child(object, "status");
                if (!status.has("phase")) {
                    status.put("phase", "Pending");
                }
            }
            case "ReplicaSet" -> {
                replicas(spec);
                podTemplate(spec);
            }
            case "ReplicationController" -> {
                replicas(spec);
                if (spec != null && !spec.has("selector")) {
                    JsonNode labels = Json.at(spec, "template.metadata.labels");
                    if (labels != null && labels.isObject()) {
                        spec.set("selector", labels.deepCopy());
                    }
                }
                if (spec != null && !Json.at(object, "metadata").has("labels")) {
                    JsonNode labels = Json.at(spec, "template.metadata.labels");
                    if (labels != null && labels.isObject()) {
                        Json.child(object, "metadata").set("labels", labels.deepCopy());
                    }
                }
                podTemplate(spec);
            }
            case "Deployment" -> deployment(spec);
            case "StatefulSet" -> statefulSet(spec);
            case "DaemonSet" -> daemonSet(spec);
            case "Service" -> service(Json.child(object, "spec"));
            case "Namespace" -> {
                ObjectNode nsSpec = Json.child(object, "spec");
                if (!nsSpec.has("finalizers")) {
                    nsSpec.putArray("finalizers").add("kubernetes");
                }
                ObjectNode status = Json.child(object, "status");
                if (!status.has("phase")) {
                    status.put("phase", "Active");
                }
            }
            case "Secret" -> secret(object);
            case "HorizontalPodAutoscaler" -> {
                if (spec != null && !spec.has("minReplicas")) {
                    spec.put("minReplicas", 1);
                }
            }
            default -> { }
        }
    }

    /**
     * Kubernetes' DefaultTolerationSeconds admission: every pod tolerates a not-ready or
     * unreachable node for 300 s before it is evicted, unless it says otherwise.
     */
    private static void defaultTolerations(ObjectNode spec) {
        for (String key : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
            boolean present = false;
            if (spec.get("tolerations") instanceof ArrayNode tolerations) {
                for (JsonNode toleration : tolerations) {
                    String tolerationKey = toleration.path("key").asText("");
                    String effect = toleration.path("effect").asText("");
                    boolean matchesAll = tolerationKey.isEmpty() && "Exists".equals(toleration.path("operator").asText());
                    if ((tolerationKey.equals(key) || matchesAll) && (effect.isEmpty() || effect.equals("NoExecute"))) {
                        present = true;
                    }
                }
            }
            if (!present) {
                ArrayNode tolerations = spec.get("tolerations") instanceof ArrayNode t ? t : spec.putArray("tolerations");
                ObjectNode toleration = tolerations.addObject();
                toleration.put("key", key);
                toleration.put("operator", "Exists");
                toleration.put("effect", "NoExecute");
                toleration.put("tolerationSeconds", 300);
            }
        }
    }

    private static void replicas(ObjectNode spec) {
        if (spec != null && !spec.has("replicas")) {
            spec.put("replicas", 1);
        }
    }

    private static void podTemplate(ObjectNode spec) {
        if (spec != null && spec.get("template") instanceof ObjectNode template) {
            podSpec(Json.child(template, "spec"));
        }
    }

    private static void deployment(ObjectNode spec) {
        if (spec == null) {
            return;
        }
        replicas(spec);
        ObjectNode strategy = Json.child(spec, "strategy");
        if (!strategy.has("type")) {
            strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.get("type").asText())) {
            ObjectNode rolling = Json.child(strategy, "rollingUpdate");
            putIfAbsent(rolling, "maxUnavailable", "25%");
            putIfAbsent(rolling, "maxSurge", "25%");
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        podTemplate(spec);
    }

    private static void statefulSet(ObjectNode spec) {
        if (spec == null) {
            return;
        }
        replicas(spec);
        putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = Json.child(spec, "updateStrategy");
        if (!strategy.has("type")) {
            strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.get("type").asText())) {
            putIfAbsent(Json.child(strategy, "rollingUpdate"), "partition", 0);
        }
        ObjectNode retention = Json.child(spec, "persistentVolumeClaimRetentionPolicy");
        putIfAbsent(retention, "whenDeleted", "Retain");
        putIfAbsent(retention, "whenScaled", "Retain");
        podTemplate(spec);
    }

    private static void daemonSet(ObjectNode spec) {
        if (spec == null) {
            return;
        }
        ObjectNode strategy = Json.child(spec, "updateStrategy");
        if (!strategy.has("type")) {
            strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.get("type").asText())) {
            ObjectNode rolling = Json.child(strategy, "rollingUpdate");
            putIfAbsent(rolling, "maxUnavailable", 1);
            putIfAbsent(rolling, "maxSurge", 0);
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        podTemplate(spec);
    }

    /** Pod spec defaults, shared by pods and every pod template. */
    public static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        containers(spec.get("containers"));
        containers(spec.get("initContainers"));
    }

    private static void containers(JsonNode list) {
        if (!(list instanceof ArrayNode containers)) {
            return;
        }
        for (JsonNode node : containers) {
            if (!(node instanceof ObjectNode container)) {
                continue;
            }
            putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
            putIfAbsent(container, "terminationMessagePolicy", "File");
            if (!container.has("imagePullPolicy")) {
                container.put("imagePullPolicy", pullPolicyFor(container.path("image").asText("")));
            }
            if (!container.has("resources")) {
                container.putObject("resources");
            }
            if (container.get("ports") instanceof ArrayNode ports) {
                for (JsonNode port : ports) {
                    if (port instanceof ObjectNode p) {
                        putIfAbsent(p, "protocol", "TCP");
                    }
                }
            }
            for (String kind : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
                if (container.get(kind) instanceof ObjectNode probe) {
                    probe(probe);
                }
            }
        }
    }

    /**
     * Kubernetes' probe defaults (SetDefaults_Probe, _HTTPGetAction, _GRPCAction). kubectl describe
     * reads them as given: it dereferences a gRPC probe's {@code service} without looking.
     */
    private static void probe(ObjectNode probe) {
        putIfAbsent(probe, "timeoutSeconds", 1);
        putIfAbsent(probe, "periodSeconds", 10);
        putIfAbsent(probe, "successThreshold", 1);
        putIfAbsent(probe, "failureThreshold", 3);
        if (probe.get("httpGet") instanceof ObjectNode httpGet) {
            putIfAbsent(httpGet, "path", "/");
            putIfAbsent(httpGet, "scheme", "HTTP");
        }
        if (probe.get("grpc") instanceof ObjectNode grpc) {
            putIfAbsent(grpc, "service", "");
        }
    }

    /** Kubernetes pulls ":latest" and untagged images every time, others only when absent. */
    static String pullPolicyFor(String image) {
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        if (!lastSegment.contains(":") || lastSegment.endsWith(":latest")) {
            return "Always";
        }
        return "IfNotPresent";
    }

    private static void service(ObjectNode spec) {
        putIfAbsent(spec, "type", "ClusterIP");
        putIfAbsent(spec, "sessionAffinity", "None");
        if (!"ExternalName".equals(spec.path("type").asText())) {
            putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
            if (!spec.has("ipFamilies")) {
                spec.putArray("ipFamilies").add("IPv4");
            }
            putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
        }
        if (spec.get("ports") instanceof ArrayNode ports) {
            for (JsonNode node : ports) {
                if (node instanceof ObjectNode port) {
                    putIfAbsent(port, "protocol", "TCP");
                    JsonNode target = port.get("targetPort");
                    boolean unset = target == null || target.isNull() || (target.isInt() && target.asInt() == 0)
                            || (target.isTextual() && target.asText().isEmpty());
                    if (unset && port.has("port")) {
                        port.set("targetPort", port.get("port").deepCopy());
                    }
                }
            }
        }
    }

    private static void secret(ObjectNode object) {
        putIfAbsent(object, "type", "Opaque");
        // stringData is write-only: Kubernetes folds it into data, base64-encoded.
        if (object.remove("stringData") instanceof ObjectNode stringData) {
            ObjectNode data = Json.child(object, "data");
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(), java.util.Base64.getEncoder()
                    .encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field) || node.get(field).isNull()) {
            node.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, int value) {
        if (!node.has(field) || node.get(field).isNull()) {
            node.put(field, value);
        }
    }
}
