package io.coxswain.protocol.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.json.MalformedBodyException;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Networking;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KubernetesProtobufTest {

    /** What kubectl puts on the wire: magic, then runtime.Unknown{typeMeta, raw}. */
    static byte[] body(String apiVersion, String kind, Message object) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x6b, 0x38, 0x73, 0x00});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }

    static IntOrString intOrString(int value) {
        return IntOrString.newBuilder().setType(0).setIntVal(value).build();
    }

    static IntOrString intOrString(String value) {
        return IntOrString.newBuilder().setType(1).setStrVal(value).build();
    }

    @Test
    void recognisesTheMagicPrefixOnly() {
        assertThat(KubernetesProtobuf.isProtobuf(new byte[] {0x6b, 0x38, 0x73, 0x00, 0x0a})).isTrue();
        assertThat(KubernetesProtobuf.isProtobuf(new byte[] {0x6b, 0x38, 0x73, 0x00})).isTrue();
        assertThat(KubernetesProtobuf.isProtobuf("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(KubernetesProtobuf.isProtobuf(new byte[] {0x6b, 0x38, 0x73})).isFalse();
        assertThat(KubernetesProtobuf.isProtobuf(new byte[0])).isFalse();
        assertThat(KubernetesProtobuf.isProtobuf(null)).isFalse();
    }

    @Test
    void configMapWithDataAndLabelsBecomesKubernetesJson() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("settings").setNamespace("default")
                        .putLabels("app", "web").putLabels("tier", "front"))
                .putData("log.level", "debug")
                .putData("greeting", "hello world")
                .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}))
                .build();

        assertThat(KubernetesProtobuf.toJson(body("v1", "ConfigMap", configMap))).isEqualTo(json("""
                {
                  "kind": "ConfigMap",
                  "apiVersion": "v1",
                  "metadata": {"name": "settings", "namespace": "default", "labels": {"app": "web", "tier": "front"}},
                  "data": {"greeting": "hello world", "log.level": "debug"},
                  "binaryData": {"blob": "AAEC/w=="}
                }"""));
    }

    @Test
    void secretBytesDataBecomesBase64() {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("db-credentials"))
                .putData("password", ByteString.copyFromUtf8("s3cr3t"))
                .putData("user", ByteString.copyFromUtf8("admin"))
                .setType("Opaque")
                .build();

        assertThat(KubernetesProtobuf.toJson(body("v1", "Secret", secret))).isEqualTo(json("""
                {
                  "kind": "Secret",
                  "apiVersion": "v1",
                  "metadata": {"name": "db-credentials"},
                  "data": {"password": "czNjcjN0", "user": "YWRtaW4="},
                  "type": "Opaque"
                }"""));
    }

    @Test
    void namespaceBecomesKubernetesJson() {
        V1.Namespace namespace = V1.Namespace.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("team-a").putAnnotations("owner", "alice"))
                .build();

        assertThat(KubernetesProtobuf.toJson(body("v1", "Namespace", namespace))).isEqualTo(json("""
                {"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": "team-a", "annotations": {"owner": "alice"}}}
                """));
    }

    @Test
    void serviceTargetPortsBecomeNumberOrStringByIntOrStringType() {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("shop"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .setType("ClusterIP")
                        .putSelector("app", "web")
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                                .setTargetPort(intOrString(8080)))
                        .addPorts(V1.ServicePort.newBuilder().setName("https").setProtocol("TCP").setPort(443)
                                .setTargetPort(intOrString("https"))))
                .build();

        assertThat(KubernetesProtobuf.toJson(body("v1", "Service", service))).isEqualTo(json("""
                {
                  "kind": "Service",
                  "apiVersion": "v1",
                  "metadata": {"name": "web", "namespace": "shop"},
                  "spec": {
                    "ports": [
                      {"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080},
                      {"name": "https", "protocol": "TCP", "port": 443, "targetPort": "https"}
                    ],
                    "selector": {"app": "web"},
                    "type": "ClusterIP"
                  }
                }"""));
    }

    @Test
    void deploymentWithTemplateResourcesAndCreationTimestampBecomesKubernetesJson() {
        V1.Container container = V1.Container.newBuilder()
                .setName("nginx")
                .setImage("nginx:1.27")
                .setImagePullPolicy("IfNotPresent")
                .addArgs("-g").addArgs("daemon off;")
                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP"))
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValue("prod"))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putRequests("cpu", quantity("100m"))
                        .putRequests("memory", quantity("64Mi"))
                        .putLimits("memory", quantity("128Mi")))
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName("web")
                        .setNamespace("default")
                        .setGeneration(5)
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1795773600L))
                        .putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(3)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()
                                .setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxUnavailable(intOrString("25%"))
                                        .setMaxSurge(intOrString(1)))))
                .build();

        assertThat(KubernetesProtobuf.toJson(body("apps/v1", "Deployment", deployment))).isEqualTo(json("""
                {
                  "kind": "Deployment",
                  "apiVersion": "apps/v1",
                  "metadata": {
                    "name": "web",
                    "namespace": "default",
                    "generation": 5,
                    "creationTimestamp": "2026-11-27T10:00:00Z",
                    "labels": {"app": "web"}
                  },
                  "spec": {
                    "replicas": 3,
                    "selector": {"matchLabels": {"app": "web"}},
                    "template": {
                      "metadata": {"labels": {"app": "web"}},
                      "spec": {
                        "containers": [{
                          "name": "nginx",
                          "image": "nginx:1.27",
                          "args": ["-g", "daemon off;"],
                          "ports": [{"containerPort": 80, "protocol": "TCP"}],
                          "env": [{"name": "MODE", "value": "prod"}],
                          "resources": {"limits": {"memory": "128Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}},
                          "imagePullPolicy": "IfNotPresent"
                        }]
                      }
                    },
                    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}}
                  }
                }"""));
    }

    @Test
    void zeroValuesThatGoAlwaysEncodesAreLeftOutLikeJsonOmitempty() {
        // Kubernetes' gogo encoder writes every non-pointer field: "" strings, 0 numbers, empty Time, empty structs
        ObjectMeta.Builder kubectlMeta = ObjectMeta.newBuilder().setName("web").setGenerateName("").setNamespace("")
                .setSelfLink("").setUid("").setResourceVersion("").setGeneration(0)
                .setCreationTimestamp(Meta.Time.getDefaultInstance());
        V1.Container container = V1.Container.newBuilder()
                .setName("nginx").setImage("nginx").setWorkingDir("").setTerminationMessagePath("")
                .setTerminationMessagePolicy("").setImagePullPolicy("").setStdin(false).setStdinOnce(false).setTty(false)
                .addPorts(V1.ContainerPort.newBuilder().setName("").setHostPort(0).setContainerPort(80).setProtocol("")
                        .setHostIP(""))
                .setResources(V1.ResourceRequirements.getDefaultInstance())
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(kubectlMeta)
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0) // a pointer in Go: zero is meaningful and kept
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().setName("").setNamespace("")
                                        .setCreationTimestamp(Meta.Time.getDefaultInstance()))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setRestartPolicy("")
                                        .setDnsPolicy("").setHostNetwork(false)))
                        .setStrategy(V1Apps.DeploymentStrategy.getDefaultInstance())
                        .setMinReadySeconds(0)
                        .setPaused(false))
                .setStatus(V1Apps.DeploymentStatus.getDefaultInstance())
                .build();

        assertThat(KubernetesProtobuf.toJson(body("apps/v1", "Deployment", deployment))).isEqualTo(json("""
                {
                  "kind": "Deployment",
                  "apiVersion": "apps/v1",
                  "metadata": {"name": "web", "creationTimestamp": null},
                  "spec": {
                    "replicas": 0,
                    "template": {
                      "metadata": {"creationTimestamp": null},
                      "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}],
                                               "resources": {}}]}
                    },
                    "strategy": {}
                  },
                  "status": {}
                }"""));
    }

    @Test
    void embeddedGoStructsAreInlined() {
        V1.PodSpec pod = V1.PodSpec.newBuilder()
                .addVolumes(V1.Volume.newBuilder().setName("config").setVolumeSource(V1.VolumeSource.newBuilder()
                        .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings")))))
                .addContainers(V1.Container.newBuilder()
                        .setName("app")
                        .addEnv(V1.EnvVar.newBuilder().setName("PASSWORD").setValueFrom(V1.EnvVarSource.newBuilder()
                                .setSecretKeyRef(V1.SecretKeySelector.newBuilder()
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("db"))
                                        .setKey("password"))))
                        .setLivenessProbe(V1.Probe.newBuilder()
                                .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder()
                                        .setPath("/healthz").setPort(intOrString("http"))))
                                .setPeriodSeconds(10)
                                .setInitialDelaySeconds(0)))
                .build();

        assertThat(ProtobufJson.object(pod)).isEqualTo(json("""
                {
                  "volumes": [{"name": "config", "configMap": {"name": "settings"}}],
                  "containers": [{
                    "name": "app",
                    "env": [{"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}],
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10}
                  }]
                }"""));
    }

    @Test
    void ingressRuleValueIsInlinedAndParameterReferenceUsesItsJsonName() {
        V1Networking.IngressSpec spec = V1Networking.IngressSpec.newBuilder()
                .addRules(V1Networking.IngressRule.newBuilder()
                        .setHost("foo.com")
                        .setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder()
                                .setHttp(V1Networking.HTTPIngressRuleValue.newBuilder()
                                        .addPaths(V1Networking.HTTPIngressPath.newBuilder()
                                                .setPath("/").setPathType("Prefix")
                                                .setBackend(V1Networking.IngressBackend.newBuilder()
                                                        .setService(V1Networking.IngressServiceBackend.newBuilder()
                                                                .setName("web")
                                                                .setPort(V1Networking.ServiceBackendPort.newBuilder()
                                                                        .setNumber(80))))))))
                .build();
        V1Networking.IngressClassParametersReference parameters = V1Networking.IngressClassParametersReference
                .newBuilder().setAPIGroup("k8s.example.com").setKind("Params").setName("p").build();

        assertThat(ProtobufJson.object(spec)).isEqualTo(json("""
                {"rules": [{"host": "foo.com", "http": {"paths": [
                  {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}
                ]}}]}"""));
        assertThat(ProtobufJson.object(parameters))
                .isEqualTo(json("{\"apiGroup\": \"k8s.example.com\", \"kind\": \"Params\", \"name\": \"p\"}"));
    }

    @Test
    void microTimeKeepsMicrosecondsAndZeroTimesAreNull() {
        V1Coordination.LeaseSpec lease = V1Coordination.LeaseSpec.newBuilder()
                .setHolderIdentity("node-1")
                .setLeaseDurationSeconds(40)
                .setAcquireTime(Meta.MicroTime.newBuilder().setSeconds(1795773600L).setNanos(123456789))
                .setRenewTime(Meta.MicroTime.getDefaultInstance())
                .build();

        assertThat(ProtobufJson.object(lease)).isEqualTo(json("""
                {"holderIdentity": "node-1", "leaseDurationSeconds": 40,
                 "acquireTime": "2026-11-27T10:00:00.123456Z", "renewTime": null}"""));
    }

    @Test
    void timeDropsNanosecondsLikeKubernetes() {
        assertThat(ProtobufJson.message(Meta.Time.newBuilder().setSeconds(0).setNanos(999).build()))
                .isEqualTo(json("\"1970-01-01T00:00:00Z\""));
    }

    @Test
    void durationIsWrittenLikeGo() {
        assertThat(ProtobufJson.message(Meta.Duration.newBuilder().setDuration(3_600_000_000_000L).build()))
                .isEqualTo(json("\"1h0m0s\""));
        assertThat(ProtobufJson.goDuration(30_000_000_000L)).isEqualTo("30s");
        assertThat(ProtobufJson.goDuration(90_000_000_000L)).isEqualTo("1m30s");
        assertThat(ProtobufJson.goDuration(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(ProtobufJson.goDuration(100_000_000L)).isEqualTo("100ms");
        assertThat(ProtobufJson.goDuration(1_500L)).isEqualTo("1.5µs");
        assertThat(ProtobufJson.goDuration(42L)).isEqualTo("42ns");
        assertThat(ProtobufJson.goDuration(0L)).isEqualTo("0s");
        assertThat(ProtobufJson.goDuration(-5_000_000_000L)).isEqualTo("-5s");
        assertThat(ProtobufJson.goDuration(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
    }

    @Test
    void rawExtensionAndFieldsV1CarryJson() {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-1")
                        .addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                                .setManager("kubectl").setOperation("Update").setFieldsType("FieldsV1")
                                .setFieldsV1(Meta.FieldsV1.newBuilder()
                                        .setRaw(ByteString.copyFromUtf8("{\"f:data\":{}}")))))
                .setData(Runtime.RawExtension.newBuilder()
                        .setRaw(ByteString.copyFromUtf8("{\"spec\":{\"replicas\":2}}")))
                .setRevision(1)
                .build();

        assertThat(KubernetesProtobuf.toJson(body("apps/v1", "ControllerRevision", revision))).isEqualTo(json("""
                {
                  "kind": "ControllerRevision",
                  "apiVersion": "apps/v1",
                  "metadata": {"name": "web-1", "managedFields": [
                    {"manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {}}}
                  ]},
                  "data": {"spec": {"replicas": 2}},
                  "revision": 1
                }"""));
    }

    @Test
    void rawExtensionHoldingAProtobufObjectIsDecodedToo() {
        byte[] configMap = body("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("inner")).putData("k", "v").build());
        V1.List list = V1.List.newBuilder()
                .addItems(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(configMap)))
                .addItems(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"kind\":\"Secret\"}")))
                .build();

        assertThat(KubernetesProtobuf.toJson(body("v1", "List", list))).isEqualTo(json("""
                {"kind": "List", "apiVersion": "v1", "items": [
                  {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "inner"}, "data": {"k": "v"}},
                  {"kind": "Secret"}
                ]}"""));
    }

    @Test
    void protobufNestedInRawExtensionsWithoutEndIsAMalformedBody() {
        byte[] nested = body("v1", "List", V1.List.getDefaultInstance());
        for (int i = 0; i < 20; i++) {
            nested = body("v1", "List", V1.List.newBuilder()
                    .addItems(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(nested))).build());
        }
        byte[] body = nested;

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("nested");
        // and the guard is reset for the next request on this thread
        assertThat(KubernetesProtobuf.toJson(body("v1", "Namespace", V1.Namespace.getDefaultInstance())))
                .isEqualTo(json("{\"kind\": \"Namespace\", \"apiVersion\": \"v1\"}"));
    }

    @Test
    void jsonContentTypeInsideTheEnvelopeIsParsedAsJson() {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setContentType("application/json")
                .setRaw(ByteString.copyFromUtf8("{\"metadata\":{\"name\":\"x\"}}"))
                .build();
        byte[] body = new byte[4 + unknown.getSerializedSize()];
        System.arraycopy(new byte[] {0x6b, 0x38, 0x73, 0x00}, 0, body, 0, 4);
        System.arraycopy(unknown.toByteArray(), 0, body, 4, unknown.getSerializedSize());

        assertThat(KubernetesProtobuf.toJson(body))
                .isEqualTo(json("{\"kind\": \"ConfigMap\", \"apiVersion\": \"v1\", \"metadata\": {\"name\": \"x\"}}"));
    }

    @Test
    void jsonSchemaPropsUseTheirJsonNamesAndUnions() {
        V1Apiextensions.JSONSchemaProps schema = V1Apiextensions.JSONSchemaProps.newBuilder()
                .setType("object")
                .setRef("")
                .putProperties("replicas", V1Apiextensions.JSONSchemaProps.newBuilder()
                        .setType("integer").setMinimum(1).setMaximum(2.5)
                        .setDefault(V1Apiextensions.JSON.newBuilder().setRaw(ByteString.copyFromUtf8("1")))
                        .build())
                .putProperties("tags", V1Apiextensions.JSONSchemaProps.newBuilder()
                        .setType("array")
                        .setItems(V1Apiextensions.JSONSchemaPropsOrArray.newBuilder()
                                .setSchema(V1Apiextensions.JSONSchemaProps.newBuilder().setType("string")))
                        .build())
                .setAdditionalProperties(V1Apiextensions.JSONSchemaPropsOrBool.newBuilder().setAllows(false))
                .setXKubernetesPreserveUnknownFields(false)
                .setXKubernetesIntOrString(false)
                .build();

        assertThat(ProtobufJson.object(schema)).isEqualTo(json("""
                {
                  "$ref": "",
                  "type": "object",
                  "properties": {
                    "replicas": {"type": "integer", "default": 1, "maximum": 2.5, "minimum": 1},
                    "tags": {"type": "array", "items": {"type": "string"}}
                  },
                  "additionalProperties": false,
                  "x-kubernetes-preserve-unknown-fields": false
                }"""));
    }

    @Test
    void badMagicIsAMalformedBody() {
        byte[] json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(json))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void unknownKindIsAMalformedBodyNamingKindAndVersion() {
        byte[] body = body("v1", "Foo", V1.ConfigMap.getDefaultInstance());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessage("no kind \"Foo\" is registered for version \"v1\"");
    }

    @Test
    void unknownGroupVersionIsAMalformedBody() {
        byte[] body = body("example.com/v1", "Widget", V1.ConfigMap.getDefaultInstance());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessage("no kind \"Widget\" is registered for version \"example.com/v1\"");
    }

    @Test
    void missingKindIsAMalformedBody() {
        byte[] body = body("v1", "", V1.ConfigMap.getDefaultInstance());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("Kind");
    }

    @Test
    void truncatedBytesAreAMalformedBody() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("settings"))
                .putData("key", "value")
                .build();
        byte[] whole = body("v1", "ConfigMap", configMap);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(truncated))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("protobuf");
    }

    @Test
    void truncatedObjectInsideAWholeEnvelopeIsAMalformedBody() {
        byte[] object = V1.ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("settings"))
                .putData("key", "value")
                .build().toByteArray();
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setRaw(ByteString.copyFrom(object, 0, object.length - 2))
                .build();
        byte[] body = new byte[4 + unknown.getSerializedSize()];
        System.arraycopy(new byte[] {0x6b, 0x38, 0x73, 0x00}, 0, body, 0, 4);
        System.arraycopy(unknown.toByteArray(), 0, body, 4, unknown.getSerializedSize());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("ConfigMap");
    }

    @Test
    void garbageAfterTheMagicIsAMalformedBody() {
        byte[] body = {0x6b, 0x38, 0x73, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body)).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void deleteOptionsAreFoundInAnyGroupVersion() {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder()
                .setPropagationPolicy("Foreground").setGracePeriodSeconds(0).build();

        assertThat(KubernetesProtobuf.toJson(body("apps/v1", "DeleteOptions", options))).isEqualTo(json("""
                {"kind": "DeleteOptions", "apiVersion": "apps/v1", "gracePeriodSeconds": 0,
                 "propagationPolicy": "Foreground"}"""));
    }
}
