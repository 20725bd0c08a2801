package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectValidatorUpdateTest {

    private static final String POD = """
            kind: Pod
            metadata: {name: web-0, namespace: default}
            spec:
              nodeName: node-a
              restartPolicy: Always
              activeDeadlineSeconds: 600
              tolerations:
              - {key: dedicated, operator: Equal, value: web, effect: NoExecute, tolerationSeconds: 30}
              initContainers: [{name: init, image: busybox:1.36}]
              containers: [{name: web, image: nginx:1.26, ports: [{containerPort: 80}]}]
            """;

    private static List<String> updateErrors(String before, String after) {
        return ObjectValidator.validateUpdate(Yaml.object(before), Yaml.object(after)).stream()
                .map(FieldError::toString).toList();
    }

    @Test
    void podImagesMayChange() {
        assertThat(updateErrors(POD, POD.replace("nginx:1.26", "nginx:1.27").replace("busybox:1.36", "busybox:1.37"))).isEmpty();
    }

    @Test
    void podDeadlineMayBeShortenedButNotLengthenedOrRemoved() {
        assertThat(updateErrors(POD, POD.replace("activeDeadlineSeconds: 600", "activeDeadlineSeconds: 300"))).isEmpty();
        assertThat(updateErrors(POD, POD.replace("activeDeadlineSeconds: 600", "activeDeadlineSeconds: 900")))
                .containsExactly("spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value");
        assertThat(updateErrors(POD, POD.replace("  activeDeadlineSeconds: 600\n", "")))
                .containsExactly("spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value");
    }

    @Test
    void podTolerationsMayOnlyBeAdded() {
        String added = POD.replace("  initContainers:", "  - {key: gpu, operator: Exists}\n  initContainers:");
        String changedSeconds = POD.replace("tolerationSeconds: 30", "tolerationSeconds: 60");
        String removed = POD.replace("value: web,", "value: api,");

        assertThat(updateErrors(POD, added)).isEmpty();
        assertThat(updateErrors(POD, changedSeconds)).isEmpty();
        assertThat(updateErrors(POD, removed))
                .containsExactly("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void otherPodSpecChangesAreForbidden() {
        List<String> errors = updateErrors(POD, POD.replace("restartPolicy: Always", "restartPolicy: Never")
                .replace("containerPort: 80", "containerPort: 8080"));

        assertThat(errors).singleElement().asString()
                .startsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                        + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions "
                        + "to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
                        + "was previously negative)")
                .endsWith("changed: spec.restartPolicy, spec.containers");
    }

    @Test
    void podContainersMayNotBeAddedOrRemoved() {
        assertThat(updateErrors(POD, POD.replace("containers: [{name: web,", "containers: [{name: side, image: s}, {name: web,")))
                .containsExactly("spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void numbersWrittenDifferentlyAreNotAChange() {
        ObjectNode before = Yaml.object(POD);
        ObjectNode after = Yaml.object(POD);
        after.with("spec").put("activeDeadlineSeconds", 600L);

        assertThat(ObjectValidator.validateUpdate(before, after)).isEmpty();
    }

    @Test
    void nameAndNamespaceAreImmutable() {
        String configMap = "kind: ConfigMap\nmetadata: {name: settings, namespace: default}";

        assertThat(updateErrors(configMap, configMap.replace("name: settings", "name: other").replace("default", "prod")))
                .containsExactly(
                        "metadata.name: Invalid value: \"other\": field is immutable",
                        "metadata.namespace: Invalid value: \"prod\": field is immutable");
    }

    @Test
    void appsSelectorIsImmutable() {
        String deployment = """
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web, version: v1}}
                    spec: {containers: [{name: c, image: i}]}
                """;

        assertThat(updateErrors(deployment, deployment.replace("replicas: 2", "replicas: 5"))).isEmpty();
        assertThat(updateErrors(deployment, deployment.replace("{matchLabels: {app: web}}", "{matchLabels: {app: web, version: v1}}")))
                .containsExactly("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"version\":\"v1\"}}: field is immutable");
    }

    @Test
    void replicationControllerSelectorMayChange() {
        String controller = """
                kind: ReplicationController
                metadata: {name: rc}
                spec:
                  selector: {app: web}
                  template:
                    metadata: {labels: {app: web, version: v1}}
                    spec: {containers: [{name: c, image: i}]}
                """;

        assertThat(updateErrors(controller, controller.replace("{app: web}", "{app: web, version: v1}"))).isEmpty();
    }

    @Test
    void statefulSetSpecMayOnlyChangeItsMutableFields() {
        String statefulSet = """
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  replicas: 1
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: c, image: postgres:16}]}
                """;

        assertThat(updateErrors(statefulSet, statefulSet.replace("replicas: 1", "replicas: 3").replace("postgres:16", "postgres:17")))
                .isEmpty();
        assertThat(updateErrors(statefulSet, statefulSet.replace("serviceName: db", "serviceName: other")))
                .containsExactly("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                        + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }

    @Test
    void updateAlsoValidatesTheNewObject() {
        assertThat(updateErrors(POD, POD.replace("image: nginx:1.26", "image: ''")))
                .containsExactly("spec.containers[0].image: Required value");
    }
}
