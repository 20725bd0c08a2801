package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DaemonSets, nodes and pods shaped as the API server serves them, and ways to turn their knobs. */
final class DaemonSetFixtures {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String NAMESPACE = "default";
    static final String DS_UID = "7d1e-ds";

    private DaemonSetFixtures() {}

    /** A server-defaulted DaemonSet "agent" (RollingUpdate, maxUnavailable 1, maxSurge 0), generation 1. */
    static DaemonSet daemonSet() {
        return read("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: default, uid: 7d1e-ds, generation: 1}
                spec:
                  selector: {matchLabels: {app: agent}}
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}
                  revisionHistoryLimit: 10
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: "coxswain/busybox:1"}]
                      restartPolicy: Always
                """, DaemonSet.class);
    }

    /** The same DaemonSet after {@code kubectl set image}: a new template and generation. */
    static DaemonSet withImage(DaemonSet daemonSet, String image) {
        DaemonSet changed = copy(daemonSet);
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        changed.getMetadata().setGeneration(daemonSet.getMetadata().getGeneration() + 1);
        return changed;
    }

    static DaemonSet withRollingUpdate(DaemonSet daemonSet, IntOrString maxUnavailable, IntOrString maxSurge) {
        DaemonSet changed = copy(daemonSet);
        changed.getSpec().getUpdateStrategy().setRollingUpdate(new RollingUpdateDaemonSet(maxSurge, maxUnavailable));
        return changed;
    }

    static Node node(String name) {
        return read("""
                apiVersion: v1
                kind: Node
                metadata: {name: %1$s, uid: uid-%1$s, labels: {kubernetes.io/hostname: %1$s}}
                spec: {}
                status:
                  conditions: [{type: Ready, status: "True"}]
                """.formatted(name), Node.class);
    }

    static Node labelled(Node node, String key, String value) {
        Node changed = copy(node);
        changed.getMetadata().getLabels().put(key, value);
        return changed;
    }

    static Node tainted(Node node, String key, String effect) {
        Node changed = copy(node);
        List<Taint> taints = new ArrayList<>(changed.getSpec().getTaints());
        taints.add(new Taint(effect, key, null, ""));
        changed.getSpec().setTaints(taints);
        return changed;
    }

    static List<Node> nodes(String... names) {
        return java.util.Arrays.stream(names).map(DaemonSetFixtures::node).toList();
    }

    /** A pod the planner asked to create, as the API server stores it: named, with a uid and creation time. */
    static Pod created(ControllerAction.Create create, String name, Instant at) {
        Pod pod = Json.MAPPER.convertValue(create.object(), Pod.class);
        pod.getMetadata().setName(name);
        pod.getMetadata().setUid("uid-" + name);
        pod.getMetadata().setCreationTimestamp(at.toString());
        pod.getMetadata().setGenerateName(create.object().path("metadata").path("generateName").asText());
        return pod;
    }

    /** A pod of {@code daemonSet} created at {@code at}, bound to {@code nodeName}, running and ready since {@code at}. */
    static Pod runningPod(DaemonSet daemonSet, String name, String nodeName, Instant at) {
        ControllerAction.Create create = new ControllerAction.Create(io.coxswain.protocol.resource.ResourceTypes.POD,
                new DaemonPodFactory(daemonSet, CurrentRevision.of(daemonSet)).podFor(nodeName));
        return ready(bound(created(create, name, at), nodeName), at);
    }

    static Pod bound(Pod pod, String nodeName) {
        Pod changed = copy(pod);
        changed.getSpec().setNodeName(nodeName);
        if (changed.getStatus() == null) {
            changed.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        changed.getStatus().setPhase("Pending");
        return changed;
    }

    static Pod ready(Pod pod, Instant since) {
        Pod changed = copy(pod);
        changed.getStatus().setPhase("Running");
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        ready.setLastTransitionTime(since.toString());
        changed.getStatus().setConditions(List.of(ready));
        return changed;
    }

    static Pod notReady(Pod pod) {
        Pod changed = copy(pod);
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("False");
        changed.getStatus().setConditions(List.of(ready));
        return changed;
    }

    static Pod inPhase(Pod pod, String phase) {
        Pod changed = copy(pod);
        changed.getStatus().setPhase(phase);
        changed.getStatus().setConditions(List.of());
        return changed;
    }

    static Pod terminating(Pod pod, Instant since) {
        Pod changed = copy(pod);
        changed.getMetadata().setDeletionTimestamp(since.toString());
        return changed;
    }

    static Map<String, String> labelsOf(ControllerAction.Create create) {
        return Json.MAPPER.convertValue(create.object().path("metadata").path("labels"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T object) {
        return (T) Json.MAPPER.convertValue(Json.MAPPER.valueToTree(object), object.getClass());
    }

    private static <T> T read(String yaml, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(Json.parseYaml(yaml.getBytes()), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
