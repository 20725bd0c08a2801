package io.coxswain.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SupportedFieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void everyKindSupportsNameAndNamespace() {
        assertThat(SupportedFields.forKind("ConfigMap")).containsExactlyInAnyOrder("metadata.name", "metadata.namespace");
        assertThat(SupportedFields.forKind("SomethingNew")).contains("metadata.name", "metadata.namespace");
    }

    @Test
    void podsSupportSchedulingAndStatusFields() {
        assertThat(SupportedFields.forKind("Pod")).contains("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName");
    }

    @Test
    void eventsSupportInvolvedObjectFields() {
        assertThat(SupportedFields.forKind("Event")).contains("involvedObject.kind", "involvedObject.namespace",
                "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
                "source", "type");
    }

    @Test
    void otherKindsSupportTheirDocumentedFields() {
        assertThat(SupportedFields.isSupported("Secret", "type")).isTrue();
        assertThat(SupportedFields.isSupported("Node", "spec.unschedulable")).isTrue();
        assertThat(SupportedFields.isSupported("Namespace", "status.phase")).isTrue();
        assertThat(SupportedFields.isSupported("ReplicaSet", "status.replicas")).isTrue();
        assertThat(SupportedFields.isSupported("ReplicationController", "status.replicas")).isTrue();
        assertThat(SupportedFields.isSupported("ConfigMap", "type")).isFalse();
    }

    @Test
    void unsupportedFieldIsRejectedWithKubernetesMessage() {
        FieldSelector selector = FieldSelector.parse("metadata.name=x,spec.foo=bar");

        assertThatThrownBy(() -> SupportedFields.requireSupported("Pod", selector))
                .isInstanceOf(SelectorParseException.class)
                .hasMessage("field label not supported: spec.foo");
    }

    @Test
    void supportedFieldsPassTheCheck() {
        assertThatCode(() -> SupportedFields.requireSupported("Pod",
                FieldSelector.parse("spec.nodeName=n1,status.phase!=Succeeded,metadata.namespace=default")))
                .doesNotThrowAnyException();
    }

    @Test
    void missingTypedFieldsReadAsKubernetesZeroValues() throws Exception {
        JsonNode node = json("{'kind':'Node','metadata':{'name':'n1'},'spec':{}}");
        JsonNode replicaSet = json("{'kind':'ReplicaSet','metadata':{'name':'rs'},'status':{}}");

        assertThat(FieldSelector.parse("spec.unschedulable=false").matches(node, "Node")).isTrue();
        assertThat(FieldSelector.parse("status.replicas=0").matches(replicaSet, "ReplicaSet")).isTrue();
    }

    @Test
    void eventSourceFallsBackToTheReportingComponent() throws Exception {
        JsonNode legacy = json("{'kind':'Event','source':{'component':'kubelet'},'reportingComponent':'ignored'}");
        JsonNode modern = json("{'kind':'Event','reportingComponent':'coxswain-scheduler'}");

        assertThat(SupportedFields.valueOf("Event", legacy, "source")).isEqualTo("kubelet");
        assertThat(SupportedFields.valueOf("Event", modern, "source")).isEqualTo("coxswain-scheduler");
        assertThat(FieldSelector.parse("reportingComponent=coxswain-scheduler").matches(modern, "Event")).isTrue();
    }

    @Test
    void jobSuccessfulCountReadsStatusSucceeded() throws Exception {
        JsonNode job = json("{'kind':'Job','status':{'succeeded':2}}");

        assertThat(FieldSelector.parse("status.successful=2").matches(job, "Job")).isTrue();
    }
}
