package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments, their ReplicaSets and pods shaped as the API server stores them, ways to turn their
 * knobs, and ways to read a plan as a user would see its effect.
 */
final class DeploymentFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String NAMESPACE = "ns";
    static final String DEPLOYMENT_UID = "dep-uid";

    private DeploymentFixtures() {}

    // ---- Deployments ----------------------------------------------------------------------------

    /**
     * A Deployment "web" as the API server defaults it (RollingUpdate 25%/25%, revisionHistoryLimit 10,
     * progressDeadlineSeconds 600), image v1, generation 1, no status yet.
     */
    static Deployment deployment(int replicas) {
        return read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: ns, uid: dep-uid, generation: 1,
                           creationTimestamp: "2026-03-01T10:00:00Z"}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%%, maxUnavailable: 25%%}}
                  revisionHistoryLimit: 10
                  progressDeadlineSeconds: 600
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "coxswain/web:v1"}]
                      restartPolicy: Always
                """.formatted(replicas), Deployment.class);
    }

    /** {@code maxSurge}/{@code maxUnavailable} each an Integer or a "N%" String. */
    static Deployment rolling(Deployment deployment, Object maxSurge, Object maxUnavailable) {
        Deployment changed = copy(deployment);
        changed.getSpec().setStrategy(new DeploymentStrategy(
                new RollingUpdateDeployment(intOrString(maxSurge), intOrString(maxUnavailable)), "RollingUpdate"));
        return changed;
    }

    static Deployment recreate(Deployment deployment) {
        Deployment changed = copy(deployment);
        changed.getSpec().setStrategy(new DeploymentStrategy(null, "Recreate"));
        return changed;
    }

    /** {@code kubectl set image}: a new template, hence a new generation. */
    static Deployment withImage(Deployment deployment, String image) {
        Deployment changed = nextGeneration(deployment);
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("coxswain/web:" + image);
        return changed;
    }

    /** {@code kubectl scale}. */
    static Deployment withReplicas(Deployment deployment, int replicas) {
        Deployment changed = nextGeneration(deployment);
        changed.getSpec().setReplicas(replicas);
        return changed;
    }

    /** {@code kubectl rollout pause / resume}. */
    static Deployment paused(Deployment deployment, boolean paused) {
        Deployment changed = nextGeneration(deployment);
        changed.getSpec().setPaused(paused);
        return changed;
    }

    static Deployment withStatus(Deployment deployment, DeploymentStatus status) {
        Deployment changed = copy(deployment);
        changed.setStatus(status);
        return changed;
    }

    static Deployment annotated(Deployment deployment, String key, String value) {
        Deployment changed = copy(deployment);
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(changed.getMetadata().getAnnotations())
                .orElse(Map.of()));
        annotations.put(key, value);
        changed.getMetadata().setAnnotations(annotations);
        return changed;
    }

    static Deployment nextGeneration(Deployment deployment) {
        Deployment changed = copy(deployment);
        changed.getMetadata().setGeneration(deployment.getMetadata().getGeneration() + 1);
        return changed;
    }

    /** A status as a previous round would have written it (counters only; conditions added by the caller). */
    static DeploymentStatus status(long observedGeneration, int replicas, int updated, int ready, int available,
                                   DeploymentCondition... conditions) {
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(observedGeneration);
        status.setReplicas(replicas);
        status.setUpdatedReplicas(updated);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setConditions(Arrays.asList(conditions));
        return status;
    }

    static DeploymentCondition condition(String type, String status, String reason, Instant updated, Instant transitioned) {
        DeploymentCondition condition = new DeploymentCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(reason);
        condition.setLastUpdateTime(DeploymentConditions.timestamp(updated));
        condition.setLastTransitionTime(DeploymentConditions.timestamp(transitioned));
        return condition;
    }

    // ---- ReplicaSets ----------------------------------------------------------------------------

    /**
     * A ReplicaSet "web-{hash}" of {@code deployment}'s current template, owned by it, scaled by it to
     * {@code replicas} (desired/max-replicas annotations of that Deployment), all of them available and
     * observed by its controller.
     */
    static ReplicaSet replicaSet(Deployment deployment, String hash, long revision, int replicas, Instant created) {
        String name = "web-" + hash;
        PodTemplateSpec template = copy(deployment.getSpec().getTemplate());
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(PodTemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = copy(deployment.getSpec().getSelector());
        Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);

        OwnerReference owner = new OwnerReference("apps/v1", true, true, "Deployment", "web", DEPLOYMENT_UID);
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(NAMESPACE);
        metadata.setUid("uid-" + name);
        metadata.setGeneration(1L);
        metadata.setCreationTimestamp(created.toString());
        metadata.setLabels(new LinkedHashMap<>(labels));
        metadata.setOwnerReferences(List.of(owner));
        Map<String, String> annotations = new HashMap<>();
        annotations.put(DeploymentAnnotations.REVISION, Long.toString(revision));
        annotations.put(DeploymentAnnotations.DESIRED_REPLICAS, Integer.toString(deployment.getSpec().getReplicas()));
        annotations.put(DeploymentAnnotations.MAX_REPLICAS, Integer.toString(RolloutSpec.of(deployment).maxReplicas()));
        metadata.setAnnotations(annotations);

        ReplicaSetSpec spec = new ReplicaSetSpec();
        spec.setReplicas(replicas);
        spec.setMinReadySeconds(0);
        spec.setSelector(selector);
        spec.setTemplate(template);
        ReplicaSet rs = new ReplicaSet();
        rs.setApiVersion("apps/v1");
        rs.setKind("ReplicaSet");
        rs.setMetadata(metadata);
        rs.setSpec(spec);
        return withStatus(rs, replicas, replicas, replicas);
    }

    /** What the ReplicaSet controller reports: pods that exist, are ready, are available. */
    static ReplicaSet withStatus(ReplicaSet rs, int replicas, int ready, int available) {
        ReplicaSet changed = copy(rs);
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(replicas);
        status.setFullyLabeledReplicas(replicas);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setObservedGeneration(rs.getMetadata().getGeneration());
        changed.setStatus(status);
        return changed;
    }

    /** Its spec changed to {@code replicas} without its controller having caught up (status as before). */
    static ReplicaSet scaledTo(ReplicaSet rs, int replicas) {
        ReplicaSet changed = copy(rs);
        changed.getSpec().setReplicas(replicas);
        changed.getMetadata().setGeneration(rs.getMetadata().getGeneration() + 1);
        return changed;
    }

    static ReplicaSet annotated(ReplicaSet rs, String key, String value) {
        ReplicaSet changed = copy(rs);
        changed.getMetadata().getAnnotations().put(key, value);
        return changed;
    }

    // ---- Pods -----------------------------------------------------------------------------------

    /** A pod of {@code rs} in {@code phase} (ready when Running). */
    static Pod pod(ReplicaSet rs, String name, String phase) {
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(NAMESPACE);
        metadata.setUid("uid-" + name);
        metadata.setCreationTimestamp(NOW.toString());
        metadata.setLabels(new LinkedHashMap<>(rs.getSpec().getTemplate().getMetadata().getLabels()));
        metadata.setOwnerReferences(List.of(new OwnerReference("apps/v1", true, true, "ReplicaSet",
                rs.getMetadata().getName(), rs.getMetadata().getUid())));
        pod.setMetadata(metadata);
        pod.setSpec(copy(rs.getSpec().getTemplate().getSpec()));
        PodStatus status = new PodStatus();
        status.setPhase(phase);
        if ("Running".equals(phase)) {
            PodCondition ready = new PodCondition();
            ready.setType("Ready");
            ready.setStatus("True");
            status.setConditions(List.of(ready));
        }
        pod.setStatus(status);
        return pod;
    }

    // ---- Plans, read as their effect --------------------------------------------------------------

    static List<ControllerAction> plan(Deployment deployment, ReplicaSet... replicaSets) {
        return DeploymentPlanner.plan(deployment, List.of(replicaSets), List.of(), NOW);
    }

    /** The ReplicaSets the plan creates, as sent. */
    static List<ReplicaSet> created(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.Create.class::isInstance).map(ControllerAction.Create.class::cast)
                .peek(create -> {
                    if (create.type() != ResourceTypes.REPLICA_SET) {
                        throw new AssertionError("a Deployment creates only ReplicaSets: " + create);
                    }
                })
                .map(create -> ModelObjects.read(create.object(), ReplicaSet.class)).toList();
    }

    /** The merge patches of ReplicaSets, in plan order. */
    static List<ControllerAction.MergePatch> replicaSetPatches(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.MergePatch.class::isInstance)
                .map(ControllerAction.MergePatch.class::cast)
                .filter(patch -> patch.type() == ResourceTypes.REPLICA_SET).toList();
    }

    /** ReplicaSet name to the {@code spec.replicas} the plan sets, in plan order (the last write wins). */
    static Map<String, Integer> scaled(List<ControllerAction> plan) {
        Map<String, Integer> scaled = new LinkedHashMap<>();
        for (ControllerAction.MergePatch patch : replicaSetPatches(plan)) {
            JsonNode replicas = patch.patch().path("spec").path("replicas");
            if (replicas.isInt()) {
                scaled.put(patch.name(), replicas.asInt());
            }
        }
        return scaled;
    }

    /** ReplicaSet name to the annotations the plan sets on it, merged over all its patches. */
    static Map<String, Map<String, String>> annotationsSet(List<ControllerAction> plan) {
        Map<String, Map<String, String>> set = new LinkedHashMap<>();
        for (ControllerAction.MergePatch patch : replicaSetPatches(plan)) {
            patch.patch().path("metadata").path("annotations").fields().forEachRemaining(e ->
                    set.computeIfAbsent(patch.name(), name -> new LinkedHashMap<>()).put(e.getKey(), e.getValue().asText()));
        }
        return set;
    }

    static List<ControllerAction.Delete> deletes(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.Delete.class::isInstance).map(ControllerAction.Delete.class::cast)
                .toList();
    }

    /** The status the plan writes, if it writes one. */
    static Optional<DeploymentStatus> statusWritten(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.MergePatch.class::isInstance)
                .map(ControllerAction.MergePatch.class::cast)
                .filter(patch -> patch.type() == ResourceTypes.DEPLOYMENT && patch.subresource().equals("status"))
                .map(patch -> Json.MAPPER.convertValue(patch.patch().path("status"), DeploymentStatus.class))
                .findFirst();
    }

    static DeploymentStatus status(List<ControllerAction> plan) {
        return statusWritten(plan).orElseThrow(() -> new AssertionError("no status written: " + plan));
    }

    /** The revision annotation the plan writes on the Deployment, if it does. */
    static Optional<String> revisionWritten(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.MergePatch.class::isInstance)
                .map(ControllerAction.MergePatch.class::cast)
                .filter(patch -> patch.type() == ResourceTypes.DEPLOYMENT && patch.subresource().isEmpty())
                .map(patch -> patch.patch().path("metadata").path("annotations").path(DeploymentAnnotations.REVISION))
                .filter(JsonNode::isTextual).map(JsonNode::asText).findFirst();
    }

    static List<String> events(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.RecordEvent.class::isInstance)
                .map(ControllerAction.RecordEvent.class::cast)
                .map(event -> event.type() + " " + event.reason() + ": " + event.message()).toList();
    }

    /** Everything that changes an object (no events, no timers). */
    static List<ControllerAction> writes(List<ControllerAction> plan) {
        return plan.stream().filter(action -> action instanceof ControllerAction.Create
                || action instanceof ControllerAction.MergePatch || action instanceof ControllerAction.Delete).toList();
    }

    static DeploymentCondition condition(DeploymentStatus status, String type) {
        return DeploymentConditions.get(status, type);
    }

    // ---- helpers --------------------------------------------------------------------------------

    static IntOrString intOrString(Object value) {
        return value instanceof Integer i ? new IntOrString(i) : new IntOrString((String) value);
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
