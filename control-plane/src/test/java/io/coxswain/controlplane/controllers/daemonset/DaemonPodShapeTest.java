package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static io.coxswain.controlplane.controllers.daemonset.Plans.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.Affinity;
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

        assertThat(create.type()).isEqualTo(ResourceTypes.POD);
        assertThat(create.object().path("metadata")).isEqualTo(Json.parse("""
                {"generateName": "agent-", "namespace": "default",
                 "labels": {"app": "agent", "controller-revision-hash": "%s"},
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent", "uid": "7d1e-ds",
                                      "controller": true, "blockOwnerDeletion": true}]}
                """.formatted(CurrentRevision.of(daemonSet()).hash())));
        assertThat(create.object().at("/spec/containers")).isEqualTo(Json.parse("""
                [{"image": "coxswain/busybox:1", "name": "agent"}]"""));
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
    void nodeTermReplacesTheTemplatesRequiredTermsAndKeepsItsPreferences() throws Exception {
        DaemonSet ds = daemonSet();
        ds.getSpec().getTemplate().getSpec().setAffinity(Json.MAPPER.treeToValue(Json.parse("""
                {"nodeAffinity": {
                   "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                     {"matchExpressions": [{"key": "zone", "operator": "Exists"}]}]},
                   "preferredDuringSchedulingIgnoredDuringExecution": [
                     {"weight": 10, "preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}}]}}
                """), Affinity.class));

        JsonNode nodeAffinity = onlyCreate(ds, labelled(node("a"), "zone", "east")).object().at("/spec/affinity/nodeAffinity");

        assertThat(nodeAffinity).isEqualTo(Json.parse("""
                {"preferredDuringSchedulingIgnoredDuringExecution": [
                   {"preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}, "weight": 10}],
                 "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                   {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]}]}}"""));
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
