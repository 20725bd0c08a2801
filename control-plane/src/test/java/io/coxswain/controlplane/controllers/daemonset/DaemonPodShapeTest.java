package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static io.coxswain.controlplane.controllers.daemonset.Plans.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pods a DaemonSet creates, as Kubernetes' DaemonSet controller writes them. */
class DaemonPodShapeTest {

    @Test
    void podIsGeneratedNamedOwnedAndLabelledWithTheRevision() {
        ControllerAction.Create create = onlyCreate(daemonSet());
        ObjectNode pod = create.object();

        assertThat(create.type()).isEqualTo(ResourceTypes.POD);
        assertThat(pod.at("/metadata/generateName").asText()).isEqualTo("agent-");
        assertThat(pod.at("/metadata").has("name")).isFalse();
        assertThat(pod.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(pod.at("/metadata/ownerReferences")).isEqualTo(Json.parse("""
                [{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"7d1e-ds",
                  "controller":true,"blockOwnerDeletion":true}]"""));
        assertThat(labelsOf(create)).containsEntry("app", "agent")
                .containsEntry("controller-revision-hash", CurrentRevision.of(daemonSet()).hash())
                .doesNotContainKey("pod-template-generation");
        assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("coxswain/busybox:1");
    }

    @Test
    void podIsLeftToTheSchedulerButPinnedToItsNodeByAffinity() {
        ObjectNode pod = onlyCreate(daemonSet()).object();

        assertThat(pod.at("/spec").has("nodeName")).isFalse();
        assertThat(pod.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution")).isEqualTo(
                Json.parse("""
                        {"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["a"]}]}]}"""));
    }

    @Test
    void nodeTermReplacesTheTemplatesRequiredTermsAndKeepsItsPreferences() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setAffinity(DaemonSetPlacementTest.requiredLabel("zone", "Exists", "x"));
        ds.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .setPreferredDuringSchedulingIgnoredDuringExecution(List.of(
                        new io.fabric8.kubernetes.api.model.PreferredSchedulingTerm(
                                new io.fabric8.kubernetes.api.model.NodeSelectorTerm(List.of(
                                        new io.fabric8.kubernetes.api.model.NodeSelectorRequirement(
                                                "disk", "Exists", List.of())), List.of()), 10)));
        ds.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0)
                .getMatchExpressions().get(0).setValues(List.of());

        JsonNode nodeAffinity = onlyCreate(ds, labelled(node("a"), "zone", "east")).object()
                .at("/spec/affinity/nodeAffinity");

        assertThat(nodeAffinity.at("/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")).hasSize(1);
        assertThat(nodeAffinity.at("/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions")
                .isMissingNode() || nodeAffinity.at("/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0"
                + "/matchExpressions").isEmpty()).isTrue();
        assertThat(nodeAffinity.at("/preferredDuringSchedulingIgnoredDuringExecution/0/weight").asInt()).isEqualTo(10);
    }

    @Test
    void podToleratesNodeProblemsForeverAndCordonedNodes() {
        List<Map<String, String>> tolerations = tolerationsOf(onlyCreate(daemonSet()).object());

        assertThat(tolerations).containsExactly(
                Map.of("key", "node.kubernetes.io/not-ready", "operator", "Exists", "effect", "NoExecute"),
                Map.of("key", "node.kubernetes.io/unreachable", "operator", "Exists", "effect", "NoExecute"),
                Map.of("key", "node.kubernetes.io/disk-pressure", "operator", "Exists", "effect", "NoSchedule"),
                Map.of("key", "node.kubernetes.io/memory-pressure", "operator", "Exists", "effect", "NoSchedule"),
                Map.of("key", "node.kubernetes.io/pid-pressure", "operator", "Exists", "effect", "NoSchedule"),
                Map.of("key", "node.kubernetes.io/unschedulable", "operator", "Exists", "effect", "NoSchedule"));
    }

    @Test
    void hostNetworkPodAlsoToleratesAnUnavailableNetwork() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setHostNetwork(true);

        assertThat(tolerationsOf(onlyCreate(ds).object())).contains(
                Map.of("key", "node.kubernetes.io/network-unavailable", "operator", "Exists", "effect", "NoSchedule"));
    }

    @Test
    void daemonTolerationReplacesTheTemplatesTimedOneAndKeepsTheOthers() {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setTolerations(new ArrayList<>(List.of(
                new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null),
                new Toleration("NoSchedule", "dedicated", "Equal", null, "agents"))));

        JsonNode tolerations = onlyCreate(ds).object().at("/spec/tolerations");

        assertThat(tolerations.get(0)).isEqualTo(Json.parse("""
                {"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists"}"""));
        assertThat(tolerations.get(1).path("key").asText()).isEqualTo("dedicated");
        assertThat(tolerations).hasSize(7);
    }

    @Test
    void podCarriesTheTemplateGenerationWhenTheDaemonSetIsAnnotatedWithIt() {
        DaemonSet ds = daemonSet();
        ds.getMetadata().setAnnotations(Map.of("deprecated.daemonset.template.generation", "3"));

        assertThat(labelsOf(onlyCreate(ds))).containsEntry("pod-template-generation", "3");
    }

    private static ControllerAction.Create onlyCreate(DaemonSet ds) {
        return onlyCreate(ds, node("a"));
    }

    private static ControllerAction.Create onlyCreate(DaemonSet ds, io.fabric8.kubernetes.api.model.Node node) {
        List<ControllerAction.Create> creates = creates(DaemonSetPlanner.plan(ds, List.of(node), List.of(), T0));
        assertThat(creates).hasSize(1);
        return creates.get(0);
    }

    private static List<Map<String, String>> tolerationsOf(ObjectNode pod) {
        List<Map<String, String>> result = new ArrayList<>();
        pod.at("/spec/tolerations").forEach(toleration -> result.add(Json.MAPPER.convertValue(toleration,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {})));
        return result;
    }
}
