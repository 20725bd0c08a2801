package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/**
 * The pods a DaemonSet creates (Kubernetes' {@code util.CreatePodTemplate} and the pod control's
 * {@code GetPodFromTemplate}): the template's labels, annotations, finalizers and spec, the
 * revision labels, the daemon tolerations, and a required node affinity naming the one node the
 * pod is for. The scheduler binds it there; {@code spec.nodeName} stays empty, as in Kubernetes
 * since daemon pods are scheduled by the default scheduler.
 */
final class DaemonPodFactory {

    static final String NODE_NAME_FIELD = "metadata.name";

    private final DaemonSet daemonSet;
    private final ObjectNode template;

    DaemonPodFactory(DaemonSet daemonSet, CurrentRevision revision) {
        this.daemonSet = daemonSet;
        this.template = Json.MAPPER.valueToTree(daemonSet.getSpec().getTemplate());
        ObjectNode labels = Json.child(Json.child(template, "metadata"), "labels");
        revision.templateGeneration().ifPresent(generation ->
                labels.put(CurrentRevision.TEMPLATE_GENERATION_LABEL, generation));
        labels.put(CurrentRevision.HASH_LABEL, revision.hash());
        DaemonTolerations.addTo(Json.child(template, "spec"));
    }

    /** The template as a pod, for deciding where it may run (Kubernetes' {@code NewPod}, before any node affinity is replaced). */
    ObjectNode candidatePod() {
        ObjectNode pod = Json.object();
        pod.set("metadata", template.path("metadata").deepCopy());
        ((ObjectNode) pod.get("metadata")).put("namespace", daemonSet.getMetadata().getNamespace());
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    /** The pod to create for {@code nodeName}. */
    ObjectNode podFor(String nodeName) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("generateName", daemonSet.getMetadata().getName() + "-");
        metadata.put("namespace", daemonSet.getMetadata().getNamespace());
        JsonNode templateMetadata = template.path("metadata");
        for (String copied : new String[] {"labels", "annotations", "finalizers"}) {
            if (templateMetadata.hasNonNull(copied)) {
                metadata.set(copied, templateMetadata.get(copied).deepCopy());
            }
        }
        metadata.putArray("ownerReferences").add(controllerReference());
        ObjectNode spec = template.path("spec").deepCopy();
        pinToNode(spec, nodeName);
        pod.set("spec", spec);
        return pod;
    }

    /**
     * Kubernetes' {@code ReplaceDaemonSetPodNodeNameNodeAffinity}: the required terms become the
     * single "this node" term. The node already passed the template's own terms, so nothing is
     * lost; preferred terms and pod (anti-)affinity are kept.
     */
    private static void pinToNode(ObjectNode spec, String nodeName) {
        ObjectNode required = Json.object();
        ObjectNode requirement = required.putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject();
        requirement.put("key", NODE_NAME_FIELD);
        requirement.put("operator", "In");
        requirement.putArray("values").add(nodeName);
        ObjectNode nodeAffinity = Json.child(Json.child(spec, "affinity"), "nodeAffinity");
        nodeAffinity.set("requiredDuringSchedulingIgnoredDuringExecution", required);
    }

    private ObjectNode controllerReference() {
        ObjectNode reference = Json.object();
        reference.put("apiVersion", "apps/v1");
        reference.put("kind", "DaemonSet");
        reference.put("name", daemonSet.getMetadata().getName());
        reference.put("uid", daemonSet.getMetadata().getUid());
        reference.put("controller", true);
        reference.put("blockOwnerDeletion", true);
        return reference;
    }
}
