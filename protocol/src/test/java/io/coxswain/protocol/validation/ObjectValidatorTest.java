package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ObjectValidatorTest {

    private static List<String> errorsOf(String yaml) {
        return ObjectValidator.validate(Yaml.object(yaml)).stream().map(FieldError::toString).toList();
    }

    private static final String VALID_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-0
              namespace: default
              labels: {app: web}
              annotations: {example.com/owner: team-a}
            spec:
              restartPolicy: Always
              initContainers:
              - name: init
                image: busybox
              containers:
              - name: web
                image: nginx:1.27
                ports: [{containerPort: 80, protocol: TCP, name: http}]
                env: [{name: MODE, value: prod}]
            """;

    private static final String VALID_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web, tier: fe}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """;

    @Nested
    class Metadata {

        @Test
        void validPodHasNoErrors() {
            assertThat(errorsOf(VALID_POD)).isEmpty();
        }

        @Test
        void nameIsRequiredUnlessGenerateNameIsGiven() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {}"))
                    .containsExactly("metadata.name: Required value: name or generateName is required");
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {generateName: settings-}")).isEmpty();
        }

        @Test
        void mostKindsNeedASubdomainName() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: Bad_Name}")).containsExactly(
                    "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower "
                            + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                            + "character (e.g. 'example.com', regex used for validation is "
                            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: settings.v1}")).isEmpty();
        }

        @Test
        void namespacesNeedALabelName() {
            assertThat(errorsOf("kind: Namespace\nmetadata: {name: team.a}"))
                    .containsExactly("metadata.name: Invalid value: \"team.a\": must not contain dots");
        }

        @Test
        void servicesNeedANameStartingWithALetter() {
            assertThat(errorsOf("kind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}")).singleElement()
                    .asString().startsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label");
            assertThat(errorsOf("kind: Service\nmetadata: {name: web.v1}\nspec: {ports: [{port: 80}]}")).hasSize(1);
        }

        @Test
        void rbacNamesOnlyNeedToBePathSegments() {
            assertThat(errorsOf("kind: ClusterRole\nmetadata: {name: 'system:controller:Thing'}")).isEmpty();
            assertThat(errorsOf("kind: ClusterRole\nmetadata: {name: 'a/b'}"))
                    .containsExactly("metadata.name: Invalid value: \"a/b\": may not contain '/'");
        }

        @Test
        void namespaceMustBeALabel() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: c, namespace: Team_A}")).singleElement()
                    .asString().startsWith("metadata.namespace: Invalid value: \"Team_A\"");
        }

        @Test
        void labelsAndAnnotationsAreValidated() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: c, labels: {'bad key': x}, annotations: {'a/b/c': x}}"))
                    .hasSize(2)
                    .anySatisfy(e -> assertThat(e).startsWith("metadata.labels: Invalid value: \"bad key\""))
                    .anySatisfy(e -> assertThat(e).startsWith("metadata.annotations: Invalid value: \"a/b/c\""));
        }

        @Test
        void unknownKindsGetMetadataValidationOnly() {
            assertThat(errorsOf("kind: Widget\nmetadata: {name: w}\nspec: {anything: [1, 2]}")).isEmpty();
        }
    }

    @Nested
    class Pods {

        @Test
        void containersAreRequired() {
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}\nspec: {containers: []}"))
                    .containsExactly("spec.containers: Required value");
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}"))
                    .containsExactly("spec.containers: Required value");
        }

        @Test
        void containerNeedsANameAndAnImage() {
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{}]}")).containsExactly(
                    "spec.containers[0].name: Required value",
                    "spec.containers[0].image: Required value");
        }

        @Test
        void containerNameMustBeALabel() {
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: Web_1, image: nginx}]}"))
                    .singleElement().asString().startsWith("spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label");
        }

        @Test
        void containerNamesMustBeUniqueAcrossInitAndRegularContainers() {
            assertThat(errorsOf("""
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers: [{name: web, image: a}, {name: web, image: b}]
                      initContainers: [{name: web, image: c}]
                    """)).containsExactly(
                    "spec.containers[1].name: Duplicate value: \"web\"",
                    "spec.initContainers[0].name: Duplicate value: \"web\"");
        }

        @Test
        void initContainersGetTheSameChecks() {
            assertThat(errorsOf("""
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers: [{name: web, image: a}]
                      initContainers: [{name: init}]
                    """)).containsExactly("spec.initContainers[0].image: Required value");
        }

        @Test
        void portsMustBeInRange() {
            assertThat(errorsOf("""
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports: [{containerPort: 70000}, {containerPort: 0}, {containerPort: 80, hostPort: -1}]
                    """)).containsExactly(
                    "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                    "spec.containers[0].ports[1].containerPort: Required value",
                    "spec.containers[0].ports[2].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive");
        }

        @Test
        void portProtocolAndNameAreChecked() {
            assertThat(errorsOf("""
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports: [{containerPort: 80, protocol: HTTP, name: http}, {containerPort: 81, name: http}]
                    """)).containsExactly(
                    "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                    "spec.containers[0].ports[1].name: Duplicate value: \"http\"");
        }

        @Test
        void envVarsNeedNames() {
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: w, image: i, env: [{value: x}]}]}"))
                    .containsExactly("spec.containers[0].env[0].name: Required value");
        }

        @Test
        void restartPolicyMustBeOneOfTheThree() {
            assertThat(errorsOf("kind: Pod\nmetadata: {name: p}\nspec: {restartPolicy: Sometimes, containers: [{name: w, image: i}]}"))
                    .containsExactly("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
        }
    }

    @Nested
    class Workloads {

        @Test
        void validDeploymentHasNoErrors() {
            assertThat(errorsOf(VALID_DEPLOYMENT)).isEmpty();
        }

        private static String deploymentWith(String specLines) {
            return VALID_DEPLOYMENT + specLines.indent(2);
        }

        @Test
        void aRollingUpdateMayNotHaveBothMaxSurgeAndMaxUnavailableZero() {
            assertThat(errorsOf(deploymentWith("strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, "
                    + "maxUnavailable: \"0%\"}}"))).containsExactly(
                    "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0");
            assertThat(errorsOf(deploymentWith("strategy: {rollingUpdate: {maxSurge: 0}}")))
                    .as("maxUnavailable defaults to 25%").isEmpty();
            assertThat(errorsOf(deploymentWith("strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}")))
                    .isEmpty();
        }

        @Test
        void maxSurgeAndMaxUnavailableAreNonNegativeNumbersOrPercentages() {
            assertThat(errorsOf(deploymentWith("strategy: {rollingUpdate: {maxSurge: -1, maxUnavailable: "
                    + "\"ten\"}}"))).containsExactly(
                    "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"ten\": a valid percent string must "
                            + "be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for "
                            + "validation is '[0-9]+%')",
                    "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0");
            assertThat(errorsOf(deploymentWith("strategy: {rollingUpdate: {maxUnavailable: \"150%\"}}")))
                    .containsExactly("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be "
                            + "greater than 100%");
        }

        @Test
        void recreateTakesNoRollingUpdateAndOnlyKnownStrategiesAreAccepted() {
            assertThat(errorsOf(deploymentWith("strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}")))
                    .containsExactly("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy "
                            + "`type` is 'Recreate'");
            assertThat(errorsOf(deploymentWith("strategy: {type: BlueGreen}"))).containsExactly(
                    "spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", "
                            + "\"RollingUpdate\"");
        }

        @Test
        void theProgressDeadlineMustExceedMinReadySeconds() {
            assertThat(errorsOf(deploymentWith("minReadySeconds: 10\nprogressDeadlineSeconds: 10\n"
                    + "revisionHistoryLimit: -1"))).containsExactly(
                    "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
                    "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds");
        }

        @Test
        void aDaemonSetRollsWithExactlyOneOfMaxSurgeAndMaxUnavailable() {
            String daemonSet = """
                    kind: DaemonSet
                    metadata: {name: agent}
                    spec:
                      selector: {matchLabels: {app: agent}}
                      template:
                        metadata: {labels: {app: agent}}
                        spec: {containers: [{name: c, image: i}]}
                    """;
            assertThat(errorsOf(daemonSet + "  updateStrategy: {rollingUpdate: {maxSurge: 1}}\n")).containsExactly(
                    "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable "
                            + "is non-zero");
            assertThat(errorsOf(daemonSet + "  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n"))
                    .isEmpty();
            assertThat(errorsOf(daemonSet + "  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}\n"))
                    .containsExactly("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 "
                            + "when maxSurge is 0");
            assertThat(errorsOf(daemonSet + "  updateStrategy: {type: OnDelete}\n")).isEmpty();
        }

        @Test
        void selectorIsRequiredForAppsKinds() {
            assertThat(errorsOf("""
                    kind: ReplicaSet
                    metadata: {name: rs}
                    spec:
                      template:
                        metadata: {labels: {app: x}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.selector: Required value");
        }

        @Test
        void selectorMustMatchTemplateLabels() {
            assertThat(errorsOf("""
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: x}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: "
                    + "`selector` does not match template `labels`");
        }

        @Test
        void selectorExpressionsAreHonouredWhenMatchingTemplateLabels() {
            assertThat(errorsOf("""
                    kind: StatefulSet
                    metadata: {name: db}
                    spec:
                      selector:
                        matchExpressions: [{key: app, operator: In, values: [db, cache]}]
                      template:
                        metadata: {labels: {app: db}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).isEmpty();
        }

        @Test
        void emptySelectorIsRejected() {
            assertThat(errorsOf("""
                    kind: DaemonSet
                    metadata: {name: agent}
                    spec:
                      selector: {}
                      template:
                        metadata: {labels: {app: agent}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.selector: Invalid value: {}: empty selector is invalid for daemonset");
        }

        @Test
        void invalidSelectorExpressionsAreReportedNotMatched() {
            assertThat(errorsOf("""
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      selector:
                        matchExpressions: [{key: app, operator: Near, values: [web]}]
                      template:
                        metadata: {labels: {app: web}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator");
        }

        @Test
        void replicasMayNotBeNegative() {
            assertThat(errorsOf(VALID_DEPLOYMENT.replace("replicas: 3", "replicas: -1")))
                    .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        }

        @Test
        void templatePodSpecIsValidatedUnderTheTemplatePath() {
            assertThat(errorsOf(VALID_DEPLOYMENT.replace("    image: nginx:1.27\n", "")))
                    .containsExactly("spec.template.spec.containers[0].image: Required value");
        }

        @Test
        void templateIsRequired() {
            assertThat(errorsOf("kind: ReplicaSet\nmetadata: {name: rs}\nspec: {selector: {matchLabels: {app: x}}}"))
                    .containsExactly("spec.template: Required value");
        }

        @Test
        void templateRestartPolicyMustBeAlways() {
            assertThat(errorsOf(VALID_DEPLOYMENT.replace("      containers:", "      restartPolicy: Never\n      containers:")))
                    .containsExactly("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
        }

        @Test
        void replicationControllerSelectorDefaultsToTemplateLabels() {
            assertThat(errorsOf("""
                    kind: ReplicationController
                    metadata: {name: rc}
                    spec:
                      replicas: 1
                      template:
                        metadata: {labels: {app: legacy}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).isEmpty();
        }

        @Test
        void replicationControllerSelectorMustMatchTemplateLabels() {
            assertThat(errorsOf("""
                    kind: ReplicationController
                    metadata: {name: rc}
                    spec:
                      selector: {app: legacy}
                      template:
                        metadata: {labels: {app: other}}
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: "
                    + "`selector` does not match template `labels`");
        }

        @Test
        void replicationControllerWithoutAnyLabelsNeedsASelector() {
            assertThat(errorsOf("""
                    kind: ReplicationController
                    metadata: {name: rc}
                    spec:
                      template:
                        spec: {containers: [{name: c, image: i}]}
                    """)).containsExactly("spec.selector: Required value");
        }

        @Test
        void podTemplatesValidateTheirPodSpec() {
            assertThat(errorsOf("kind: PodTemplate\nmetadata: {name: t}\ntemplate: {spec: {containers: []}}"))
                    .containsExactly("template.spec.containers: Required value");
        }
    }

    @Nested
    class Services {

        @Test
        void validServiceHasNoErrors() {
            assertThat(errorsOf("""
                    kind: Service
                    metadata: {name: web}
                    spec:
                      type: NodePort
                      selector: {app: web}
                      ports:
                      - {name: http, port: 80, targetPort: http, protocol: TCP, nodePort: 30080}
                      - {name: https, port: 443, targetPort: 8443}
                    """)).isEmpty();
        }

        @Test
        void portsMustBeInRangeWithKnownProtocols() {
            assertThat(errorsOf("""
                    kind: Service
                    metadata: {name: web}
                    spec:
                      ports: [{port: 0, protocol: ICMP}]
                    """)).containsExactly(
                    "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                    "spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }

        @Test
        void severalPortsNeedUniqueNames() {
            assertThat(errorsOf("""
                    kind: Service
                    metadata: {name: web}
                    spec:
                      ports: [{port: 80}, {name: a, port: 81}, {name: a, port: 82}]
                    """)).containsExactly(
                    "spec.ports[0].name: Required value",
                    "spec.ports[2].name: Duplicate value: \"a\"");
        }

        @Test
        void typeMustBeKnown() {
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {type: Magic, ports: [{port: 80}]}"))
                    .containsExactly("spec.type: Unsupported value: \"Magic\": supported values: "
                            + "\"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        }

        @Test
        void portsAreRequiredUnlessHeadlessOrExternalName() {
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {}")).containsExactly("spec.ports: Required value");
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {clusterIP: None}")).isEmpty();
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {type: ExternalName, externalName: db.example.com}")).isEmpty();
        }

        @Test
        void nodePortIsForbiddenOnClusterIpServices() {
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80, nodePort: 30080}]}"))
                    .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
        }

        @Test
        void namedTargetPortMustBeAValidPortName() {
            assertThat(errorsOf("kind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80, targetPort: Web_Port}]}"))
                    .contains("spec.ports[0].targetPort: Invalid value: \"Web_Port\": "
                            + "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
    }

    @Nested
    class ConfigData {

        @Test
        void configMapKeysMustBeFileNameSafe() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: c}\ndata: {app.properties: x, 'bad key': y, ..hidden: z}"))
                    .containsExactly(
                            "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric "
                                    + "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                                    + "regex used for validation is '[-._a-zA-Z0-9]+')",
                            "data[..hidden]: Invalid value: \"..hidden\": must not start with '..'");
        }

        @Test
        void configMapKeyMayNotBeInDataAndBinaryData() {
            assertThat(errorsOf("kind: ConfigMap\nmetadata: {name: c}\ndata: {a: x}\nbinaryData: {a: eA==}"))
                    .containsExactly("binaryData[a]: Invalid value: \"a\": duplicate of key present in data");
        }

        @Test
        void secretKeysAndEncodingAreChecked() {
            assertThat(errorsOf("kind: Secret\nmetadata: {name: s}\ndata: {password: cGFzcw==, 'a b': eA==, token: '%%%'}"))
                    .containsExactly(
                            "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric "
                                    + "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                                    + "regex used for validation is '[-._a-zA-Z0-9]+')",
                            "data[token]: Invalid value: \"<value omitted>\": must be base64-encoded");
        }

        @Test
        void dataLargerThanOneMebibyteIsTooLong() {
            ObjectNode configMap = Yaml.object("kind: ConfigMap\nmetadata: {name: c}");
            configMap.putObject("data").put("big", "x".repeat(ConfigDataValidation.MAX_DATA_BYTES + 1));

            assertThat(ObjectValidator.validate(configMap)).extracting(FieldError::toString)
                    .containsExactly("data: Too long: may not be more than 1048576 bytes");
        }
    }

    @Nested
    class Autoscalers {

        @Test
        void validAutoscalerHasNoErrors() {
            assertThat(errorsOf("""
                    kind: HorizontalPodAutoscaler
                    metadata: {name: web}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                      minReplicas: 2
                      maxReplicas: 5
                    """)).isEmpty();
        }

        @Test
        void targetKindAndNameAreRequired() {
            assertThat(errorsOf("kind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {maxReplicas: 3}"))
                    .containsExactly("spec.scaleTargetRef.kind: Required value", "spec.scaleTargetRef.name: Required value");
        }

        @Test
        void replicaBoundsMustBeConsistent() {
            assertThat(errorsOf("""
                    kind: HorizontalPodAutoscaler
                    metadata: {name: web}
                    spec:
                      scaleTargetRef: {kind: Deployment, name: web}
                      minReplicas: 4
                      maxReplicas: 2
                    """)).containsExactly("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`");
            assertThat(errorsOf("""
                    kind: HorizontalPodAutoscaler
                    metadata: {name: web}
                    spec:
                      scaleTargetRef: {kind: Deployment, name: web}
                      minReplicas: 0
                      maxReplicas: 0
                    """)).containsExactly(
                    "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                    "spec.maxReplicas: Invalid value: 0: must be greater than 0");
        }
    }
}
