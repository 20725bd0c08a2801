package io.coxswain.protocol.schema;

import static io.coxswain.protocol.schema.Manifests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnknownFieldsTest {

    private static List<String> find(ObjectNode object) {
        return UnknownFields.find(object.path("apiVersion").asText(), object.path("kind").asText(), object);
    }

    private static ObjectNode prune(ObjectNode object) {
        return UnknownFields.prune(object.path("apiVersion").asText(), object.path("kind").asText(), object);
    }

    static Stream<Arguments> realisticObjects() {
        return Stream.of(
                Arguments.of("Deployment", Manifests.DEPLOYMENT),
                Arguments.of("Pod", Manifests.POD),
                Arguments.of("Service", Manifests.SERVICE),
                Arguments.of("HorizontalPodAutoscaler", Manifests.HPA),
                Arguments.of("Secret", Manifests.SECRET),
                Arguments.of("StatefulSet", Manifests.STATEFUL_SET),
                Arguments.of("Node", Manifests.NODE),
                Arguments.of("Namespace", Manifests.NAMESPACE),
                Arguments.of("Endpoints", Manifests.ENDPOINTS),
                Arguments.of("ReplicationController", Manifests.REPLICATION_CONTROLLER),
                Arguments.of("ConfigMap", Manifests.CONFIG_MAP),
                Arguments.of("Event", Manifests.EVENT),
                Arguments.of("ReplicaSet", Manifests.REPLICA_SET),
                Arguments.of("DaemonSet", Manifests.DAEMON_SET),
                Arguments.of("Scale", Manifests.SCALE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realisticObjects")
    void aRealisticObjectWithSpecStatusAndManagedFieldsHasNoUnknownFields(String kind, String manifest) {
        ObjectNode object = yaml(manifest);
        assertThat(object.path("kind").asText()).isEqualTo(kind);

        assertThat(UnknownFields.knows(object.path("apiVersion").asText(), kind)).isTrue();
        assertThat(find(object)).isEmpty();
        assertThat(prune(object)).isEqualTo(object);
    }

    @Test
    void everyKindTheServerServesIsKnownUnderItsApiVersion() {
        for (String kind : List.of("Pod", "Node", "Namespace", "Service", "Endpoints", "ReplicationController",
                "ConfigMap", "Secret", "Event")) {
            assertThat(UnknownFields.knows("v1", kind)).as(kind).isTrue();
        }
        for (String kind : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")) {
            assertThat(UnknownFields.knows("apps/v1", kind)).as(kind).isTrue();
        }
        assertThat(UnknownFields.knows("autoscaling/v2", "HorizontalPodAutoscaler")).isTrue();
        assertThat(UnknownFields.knows("autoscaling/v1", "HorizontalPodAutoscaler")).isTrue();
        assertThat(UnknownFields.knows("autoscaling/v1", "Scale")).isTrue();
    }

    @Test
    void aKindIsKnownOnlyUnderItsOwnApiVersion() {
        assertThat(UnknownFields.knows("v1", "Deployment")).isFalse();
        assertThat(UnknownFields.knows("apps/v1", "Pod")).isFalse();
        assertThat(UnknownFields.knows("autoscaling/v3", "HorizontalPodAutoscaler")).isFalse();
        assertThat(UnknownFields.knows("example.com/v1", "WebApp")).isFalse();
        assertThat(UnknownFields.knows(null, "Pod")).isFalse();
    }

    @Test
    void theSchemaFollowsTheApiVersionOfTheObject() {
        // autoscaling/v1 has targetCPUUtilizationPercentage, autoscaling/v2 has metrics instead.
        ObjectNode v1 = yaml("""
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {kind: Deployment, name: web}
                  maxReplicas: 3
                  targetCPUUtilizationPercentage: 80
                """);
        ObjectNode v2 = v1.deepCopy().put("apiVersion", "autoscaling/v2");

        assertThat(find(v1)).isEmpty();
        assertThat(find(v2)).containsExactly("spec.targetCPUUtilizationPercentage");
    }

    @Test
    void typosAreReportedWithTheirPathsInDocumentOrder() {
        ObjectNode deployment = yaml(Manifests.DEPLOYMENT);
        ((ObjectNode) deployment.get("metadata")).put("labelz", "x");
        ((ObjectNode) deployment.get("spec")).put("replicaz", 3);
        ObjectNode web = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        web.put("imagePullPolice", "Always");
        ObjectNode sidecar = (ObjectNode) deployment.at("/spec/template/spec/containers/1");
        sidecar.putObject("foo").put("bar", 1);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/env/1/valueFrom/fieldRef")).put("feildPath", "x");
        ((ObjectNode) deployment.at("/spec/template/spec/affinity/podAntiAffinity"))
                .putArray("requiredDuringScheduling");
        ((ObjectNode) deployment.at("/status/conditions/1")).put("lastProbeTime", "2024-05-01T10:00:00Z");

        assertThat(find(deployment)).containsExactly(
                "metadata.labelz",
                "spec.template.spec.affinity.podAntiAffinity.requiredDuringScheduling",
                "spec.template.spec.containers[0].env[1].valueFrom.fieldRef.feildPath",
                "spec.template.spec.containers[0].imagePullPolice",
                "spec.template.spec.containers[1].foo",
                "spec.replicaz",
                "status.conditions[1].lastProbeTime");
    }

    @Test
    void aMisspelledServicePortFieldIsReportedAtItsListIndex() {
        ObjectNode service = yaml(Manifests.SERVICE);
        ObjectNode https = (ObjectNode) service.at("/spec/ports/1");
        https.put("nodeport", https.remove("nodePort").asInt());

        assertThat(find(service)).containsExactly("spec.ports[1].nodeport");
    }

    @Test
    void unknownTopLevelFieldsAreReportedButApiVersionAndKindAreNot() {
        ObjectNode secret = yaml(Manifests.SECRET);
        secret.put("strinData", "x");
        secret.putObject("spec").put("type", "Opaque");

        assertThat(find(secret)).containsExactly("strinData", "spec");
    }

    @Test
    void typosInsideVolumeClaimTemplatesAndHpaMetricsAreFound() {
        ObjectNode statefulSet = yaml(Manifests.STATEFUL_SET);
        ((ObjectNode) statefulSet.at("/spec/volumeClaimTemplates/0/spec/resources")).putObject("request");
        ((ObjectNode) statefulSet.at("/spec/volumeClaimTemplates/0/metadata")).put("nmae", "data");
        ObjectNode hpa = yaml(Manifests.HPA);
        ((ObjectNode) hpa.at("/spec/metrics/0/resource/target")).put("averageUtilisation", 70);
        ((ObjectNode) hpa.at("/spec/behavior/scaleUp/policies/1")).put("periodSecond", 15);

        assertThat(find(statefulSet)).containsExactly(
                "spec.volumeClaimTemplates[0].metadata.nmae",
                "spec.volumeClaimTemplates[0].spec.resources.request");
        assertThat(find(hpa)).containsExactly(
                "spec.metrics[0].resource.target.averageUtilisation",
                "spec.behavior.scaleUp.policies[1].periodSecond");
    }

    @Test
    void anUndeclaredFieldWhoseValueIsNullIsStillReported() {
        ObjectNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labelz: null}
                spec: {replicas: 1, replicaz: null, selector: null, template: null}
                """);

        assertThat(find(deployment)).containsExactly("metadata.labelz", "spec.replicaz");
        assertThat(prune(deployment)).isEqualTo(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: 1, selector: null, template: null}
                """));
    }

    @Test
    void aKnownFieldWithAValueOfTheWrongTypeIsNotThisClassesConcern() {
        ObjectNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: [a, b], annotations: "text"}
                spec:
                  replicas: three
                  selector: [1, 2]
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: {intVal: 1}, maxUnavailable: [1]}
                  template:
                    metadata: 7
                    spec:
                      containers: {name: web, image: nginx}
                      initContainers: [plain, 1, null, [nested]]
                      tolerations: [{key: a, tolerationSeconds: soon}]
                      overhead: {cpu: {amount: "1", format: ""}}
                      securityContext: [runAsUser]
                      volumes: [{name: v, emptyDir: {sizeLimit: {amount: 1}}}]
                """);

        assertThat(find(deployment)).isEmpty();
        assertThat(prune(deployment)).isEqualTo(deployment);
    }

    @Test
    void fieldsInsideMapsOfStringsAndFreeFormFieldsAreNeverUnknown() {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {anything: goes}
                  annotations: {anything.example.com/goes: "yes"}
                  managedFields:
                  - manager: kubectl
                    fieldsType: FieldsV1
                    fieldsV1: {"f:spec": {"f:containers": {"k:{\\"name\\":\\"app\\"}": {".": {}}}}}
                spec:
                  nodeSelector: {disktype: ssd}
                  overhead: {cpu: 10m}
                  containers:
                  - name: app
                    image: busybox
                    resources: {requests: {example.com/gpu: "1"}}
                    ports: [{containerPort: 80, hostPort: 80}]
                """);

        assertThat(find(pod)).isEmpty();
    }

    @Test
    void anUnknownFieldIsReportedOnceWithoutLookingInsideIt() {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: app, image: busybox}]
                  sidecars: [{name: proxy, image: envoy, bogus: true}]
                """);

        assertThat(find(pod)).containsExactly("spec.sidecars");
    }

    @Test
    void pruneRemovesExactlyTheReportedFieldsFromACopy() {
        ObjectNode deployment = yaml(Manifests.DEPLOYMENT);
        ObjectNode original = deployment.deepCopy();
        ObjectNode withTypos = deployment.deepCopy();
        ((ObjectNode) withTypos.get("metadata")).put("labelz", "x");
        ((ObjectNode) withTypos.get("spec")).put("replicaz", 3);
        ((ObjectNode) withTypos.at("/spec/template/spec/containers/0")).put("imagePullPolice", "Always");
        ((ObjectNode) withTypos.at("/spec/template/spec/containers/1")).putNull("foo");
        withTypos.put("extra", true);
        ObjectNode beforePrune = withTypos.deepCopy();

        ObjectNode pruned = prune(withTypos);

        assertThat(pruned).isEqualTo(original);
        assertThat(find(pruned)).isEmpty();
        assertThat(withTypos).as("the argument is left as it was").isEqualTo(beforePrune);
        assertThat(pruned).isNotSameAs(withTypos);
    }

    @Test
    void pruneKeepsTheOrderOfTheRemainingFields() {
        ObjectNode service = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {type: ClusterIP, typo: 1, selector: {app: web}, ports: [{port: 80, bad: 1, name: http}]}
                """);

        ObjectNode pruned = prune(service);

        assertThat(Json.write(pruned)).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"type\":\"ClusterIP\",\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80,\"name\":\"http\"}]}}");
    }

    @Test
    void anUnknownKindHasNoUnknownFieldsAndIsPrunedToAnEqualCopy() {
        ObjectNode custom = yaml("""
                apiVersion: example.com/v1
                kind: WebApp
                metadata: {name: web}
                spec: {anything: [1, 2], goes: {here: true}}
                """);

        assertThat(UnknownFields.knows("example.com/v1", "WebApp")).isFalse();
        assertThat(UnknownFields.find("example.com/v1", "WebApp", custom)).isEmpty();
        ObjectNode pruned = UnknownFields.prune("example.com/v1", "WebApp", custom);
        assertThat(pruned).isEqualTo(custom).isNotSameAs(custom);
    }

    @Test
    void aBodyThatIsNotAnObjectHasNoUnknownFields() {
        ArrayNode array = Json.MAPPER.createArrayNode().add(1);

        assertThat(UnknownFields.find("v1", "Pod", array)).isEmpty();
        assertThat(UnknownFields.find("v1", "Pod", null)).isEmpty();
    }

    @Test
    void findTakesMicrosecondsForATypicalDeploymentAfterWarmUp() {
        ObjectNode deployment = yaml(Manifests.DEPLOYMENT);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolice", "Always");
        int rounds = 6;
        int calls = 20_000;
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) { // the first rounds warm up the JIT
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += UnknownFields.find("apps/v1", "Deployment", deployment).size();
            }
            best = Math.min(best, (System.nanoTime() - start) / 1_000.0 / calls);
        }
        System.out.printf("UnknownFields.find on a %d-byte Deployment: %.2f µs per call (best of %d rounds)%n",
                Json.write(deployment).length(), best, rounds);

        assertThat(sink).isEqualTo((long) rounds * calls);
        assertThat(best).as("µs per call").isLessThan(500);
    }
}
