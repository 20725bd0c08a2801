package io.coxswain.protocol.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtobufKindsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "v1, ConfigMap, k8s.io.api.core.v1.ConfigMap",
        "v1, Namespace, k8s.io.api.core.v1.Namespace",
        "apps/v1, Deployment, k8s.io.api.apps.v1.Deployment",
        "batch/v1, CronJob, k8s.io.api.batch.v1.CronJob",
        "autoscaling/v2, HorizontalPodAutoscaler, k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler",
        "autoscaling/v1, Scale, k8s.io.api.autoscaling.v1.Scale",
        "networking.k8s.io/v1, Ingress, k8s.io.api.networking.v1.Ingress",
        "rbac.authorization.k8s.io/v1, ClusterRoleBinding, k8s.io.api.rbac.v1.ClusterRoleBinding",
        "policy/v1, PodDisruptionBudget, k8s.io.api.policy.v1.PodDisruptionBudget",
        "policy/v1, Eviction, k8s.io.api.policy.v1.Eviction",
        "scheduling.k8s.io/v1, PriorityClass, k8s.io.api.scheduling.v1.PriorityClass",
        "coordination.k8s.io/v1, Lease, k8s.io.api.coordination.v1.Lease",
        "authentication.k8s.io/v1, TokenRequest, k8s.io.api.authentication.v1.TokenRequest",
        "storage.k8s.io/v1, StorageClass, k8s.io.api.storage.v1.StorageClass",
        "discovery.k8s.io/v1, EndpointSlice, k8s.io.api.discovery.v1.EndpointSlice",
        "events.k8s.io/v1, Event, k8s.io.api.events.v1.Event",
        "flowcontrol.apiserver.k8s.io/v1, FlowSchema, k8s.io.api.flowcontrol.v1.FlowSchema",
        "apiextensions.k8s.io/v1, CustomResourceDefinition,"
                + " k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
        "resource.k8s.io/v1, ResourceClaim, k8s.io.api.resource.v1.ResourceClaim",
        "internal.apiserver.k8s.io/v1alpha1, StorageVersion, k8s.io.api.apiserverinternal.v1alpha1.StorageVersion",
        "v1, DeleteOptions, k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
        "batch/v1, DeleteOptions, k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    })
    void findsTheGeneratedMessageOfAGroupVersionKind(String apiVersion, String kind, String protoName) {
        assertThat(ProtobufKinds.type(apiVersion, kind)).map(Descriptor::getFullName).hasValue(protoName);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "v1, Foo",
        "v1, ConfigMapOrBuilder",
        "v1, configMap",
        "v1, Builder",
        "apps/v1, ConfigMap",
        "example.com/v1, Widget",
        "v99, ConfigMap",
        "../v1, ConfigMap",
        "v1, Meta$ObjectMeta",
        "./v1, ConfigMap",
        "apps./v1, Deployment",
        "v1, ObjectMeta",
    })
    void knowsNoOtherKinds(String apiVersion, String kind) {
        assertThat(ProtobufKinds.type(apiVersion, kind)).isEmpty();
    }

    @Test
    void everyFieldOfTheGoJsonTableExistsInTheGeneratedMessages() {
        int messages = 0;
        for (Map.Entry<String, Map<String, GoJsonFields.Field>> entry : GoJsonFields.all().entrySet()) {
            String fullName = entry.getKey();
            Descriptor descriptor = descriptor(fullName);
            assertThat(descriptor).as(fullName).isNotNull();
            messages++;
            entry.getValue().forEach((protoName, go) -> {
                FieldDescriptor field = descriptor.findFieldByName(protoName);
                assertThat(field).as(fullName + "." + protoName).isNotNull();
                if (go.omitZero()) {
                    assertThat(field.getJavaType()).as(fullName + "." + protoName)
                            .isNotEqualTo(FieldDescriptor.JavaType.MESSAGE);
                    assertThat(field.isRepeated()).as(fullName + "." + protoName).isFalse();
                }
                if (go.inline()) {
                    assertThat(field.getJavaType()).as(fullName + "." + protoName)
                            .isEqualTo(FieldDescriptor.JavaType.MESSAGE);
                }
            });
        }
        assertThat(messages).isEqualTo(GoJsonFields.all().size()).isGreaterThan(300);
    }

    private static Descriptor descriptor(String fullName) {
        for (String outer : new String[] {"Meta", "Runtime", "IntStr", "Resource", "V1", "V1Apps", "V1Batch", "V1Networking", "V1Rbac", "V1Policy",
                "V1Scheduling", "V1Coordination", "V1Storage", "V1Discovery", "V1Events", "V1Certificates",
                "V1Admissionregistration", "V1Apiextensions", "V1Node", "V1Flowcontrol", "V1Authentication",
                "V1Authorization", "V1Resource", "V1Autoscaling", "V2Autoscaling", "V1Admission",
                "V1alpha1Apiserverinternal", "V1alpha1Imagepolicy", "V1alpha1Rbac", "V1alpha1Scheduling",
                "V1beta1Admission", "V1beta1Admissionregistration", "V1beta1Apiextensions", "V1beta1Apps",
                "V1beta1Authentication", "V1beta1Authorization", "V1beta1Batch", "V1beta1Certificates",
                "V1beta1Extensions", "V1beta1Policy", "V1beta1Rbac", "V1beta1Storage", "V1beta1Storagemigration",
                "V1beta2Apps", "V2Apidiscovery", "V2beta1Apidiscovery", "V2beta1Autoscaling", "V2beta2Autoscaling"}) {
            try {
                Class<?> type = Class.forName("io.kubernetes.client.proto." + outer);
                var file = (com.google.protobuf.Descriptors.FileDescriptor) type.getMethod("getDescriptor").invoke(null);
                if (fullName.startsWith(file.getPackage() + ".")) {
                    Descriptor found = file.findMessageTypeByName(fullName.substring(file.getPackage().length() + 1));
                    if (found != null) {
                        return found;
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(outer, e);
            }
        }
        return null;
    }

    @Test
    void outerClassNamesFollowVersionThenFirstGroupLabel() {
        assertThat(ProtobufKinds.outerClassName("v1")).isEqualTo("V1");
        assertThat(ProtobufKinds.outerClassName("apps/v1")).isEqualTo("V1Apps");
        assertThat(ProtobufKinds.outerClassName("rbac.authorization.k8s.io/v1")).isEqualTo("V1Rbac");
        assertThat(ProtobufKinds.outerClassName("autoscaling/v2")).isEqualTo("V2Autoscaling");
        assertThat(ProtobufKinds.outerClassName("storage.k8s.io/v1beta1")).isEqualTo("V1beta1Storage");
        assertThat(ProtobufKinds.outerClassName("internal.apiserver.k8s.io/v1alpha1"))
                .isEqualTo("V1alpha1Apiserverinternal");
    }
}
