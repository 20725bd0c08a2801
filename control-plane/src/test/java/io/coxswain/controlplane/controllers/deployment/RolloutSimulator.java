package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.patch.MergePatch;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A namespace in miniature for the Deployment planner: an API server that carries out its actions
 * (creates ReplicaSets with a uid and creation time, merge-patches them and the Deployment, deletes by
 * uid), a ReplicaSet controller and garbage collector that make or remove pods to match each
 * ReplicaSet and report its status at once, and kubelets that make pods ready only when asked.
 * The clock advances a second per round.
 */
final class RolloutSimulator {

    private static final int MAX_ROUNDS = 200;

    private ObjectNode deployment;
    private final Map<String, ObjectNode> replicaSets = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private Instant now = DeploymentFixtures.NOW;
    private int created;

    RolloutSimulator(Deployment deployment) {
        this.deployment = ModelObjects.toJson(deployment);
    }

    // ---- what a user does ---------------------------------------------------------------------------

    /** An edit of the Deployment's spec or metadata ({@code kubectl apply/scale/pause}); its status stays. */
    void edit(UnaryOperator<Deployment> change) {
        JsonNode status = deployment.path("status");
        ObjectNode edited = ModelObjects.toJson(change.apply(deployment()));
        if (status.isObject()) {
            edited.set("status", status.deepCopy());
        }
        deployment = edited;
    }

    // ---- the Deployment controller ------------------------------------------------------------------

    /** One round of the Deployment controller: plan on the current state and carry the plan out. */
    List<ControllerAction> reconcile() {
        List<ControllerAction> plan = DeploymentPlanner.plan(deployment(), replicaSets(), pods(), now);
        plan.forEach(this::apply);
        now = now.plusSeconds(1);
        return plan;
    }

    /** What the controller would do if woken again now, without carrying it out. */
    List<ControllerAction> planOnly() {
        return DeploymentPlanner.plan(deployment(), replicaSets(), pods(), now);
    }

    private void apply(ControllerAction action) {
        if (action instanceof ControllerAction.Create create) {
            String name = create.object().path("metadata").path("name").asText();
            if (replicaSets.containsKey(name)) {
                throw new AssertionError("created " + name + " twice");
            }
            ObjectNode rs = create.object().deepCopy();
            ObjectNode metadata = (ObjectNode) rs.path("metadata");
            metadata.put("uid", "uid-" + name);
            metadata.put("generation", 1);
            metadata.put("creationTimestamp", now.toString());
            replicaSets.put(name, rs);
        } else if (action instanceof ControllerAction.MergePatch patch && patch.type() == ResourceTypes.REPLICA_SET) {
            ObjectNode before = Objects.requireNonNull(replicaSets.get(patch.name()), patch.name());
            ObjectNode after = (ObjectNode) MergePatch.apply(before, patch.patch());
            if (!after.path("spec").equals(before.path("spec"))) {
                ((ObjectNode) after.path("metadata")).put("generation",
                        before.path("metadata").path("generation").asLong() + 1);
            }
            replicaSets.put(patch.name(), after);
        } else if (action instanceof ControllerAction.MergePatch patch && patch.type() == ResourceTypes.DEPLOYMENT) {
            JsonNode body = patch.subresource().equals("status")
                    ? Json.object().set("status", patch.patch().path("status"))
                    : patch.patch();
            deployment = (ObjectNode) MergePatch.apply(deployment, body);
        } else if (action instanceof ControllerAction.Delete delete) {
            ObjectNode rs = replicaSets.get(delete.name());
            if (rs != null && rs.path("metadata").path("uid").asText().equals(delete.uid())) {
                replicaSets.remove(delete.name());
            }
        } else if (action instanceof ControllerAction.RecordEvent event) {
            events.add(event.reason() + ": " + event.message());
        } else {
            throw new AssertionError("unexpected action " + action);
        }
    }

    // ---- the ReplicaSet controller, garbage collector and kubelets -----------------------------------

    /**
     * Pods of deleted ReplicaSets go; each ReplicaSet loses pods down to its spec (not-ready ones
     * first, then the newest), then each gets new pods (not ready) up to its spec; then every
     * ReplicaSet reports its status.
     *
     * @param afterEach called after every pod created or deleted, to watch the invariants in between
     * @return whether any pod was created or deleted
     */
    boolean syncReplicaSets(Runnable afterEach) {
        boolean changed = false;
        for (Pod pod : List.copyOf(pods.values())) {
            if (!replicaSets.containsKey(owner(pod))) {
                pods.remove(pod.getMetadata().getName());
                changed = true;
                afterEach.run();
            }
        }
        List<ReplicaSet> sets = replicaSets();
        for (ReplicaSet rs : sets) {
            String name = rs.getMetadata().getName();
            while (podsOf(name).size() > ReplicaSets.specReplicas(rs)) {
                Pod victim = podsOf(name).stream()
                        .min(Comparator.comparing(RolloutSimulator::ready)
                                .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder())
                                .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder()))
                        .orElseThrow();
                pods.remove(victim.getMetadata().getName());
                changed = true;
                afterEach.run();
            }
        }
        for (ReplicaSet rs : sets) {
            while (podsOf(rs.getMetadata().getName()).size() < ReplicaSets.specReplicas(rs)) {
                Pod pod = newPod(rs);
                pods.put(pod.getMetadata().getName(), pod);
                changed = true;
                afterEach.run();
            }
        }
        reportStatus();
        return changed;
    }

    /** A kubelet: the first pod that is not ready (oldest ReplicaSet first) becomes ready; false if none. */
    boolean makeOneReady() {
        for (String name : List.copyOf(replicaSets.keySet())) {
            if (makeReady(name, 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A kubelet: up to {@code count} not-ready pods of the ReplicaSet become ready (and available). */
    int makeReady(String replicaSet, int count) {
        int made = 0;
        for (Pod pod : podsOf(replicaSet)) {
            if (made < count && !ready(pod)) {
                pod.getStatus().setPhase("Running");
                PodCondition condition = new PodCondition();
                condition.setType("Ready");
                condition.setStatus("True");
                condition.setLastTransitionTime(now.toString());
                pod.getStatus().setConditions(List.of(condition));
                made++;
            }
        }
        reportStatus();
        return made;
    }

    /** Makes every pod ready, one ReplicaSet after the other; returns how many became ready. */
    int makeAllReady() {
        int made = 0;
        for (String name : List.copyOf(replicaSets.keySet())) {
            made += makeReady(name, Integer.MAX_VALUE);
        }
        return made;
    }

    /**
     * Rounds of controller, ReplicaSet controller and kubelets (every pod ready at once) until a round
     * changes nothing; returns the number of rounds.
     */
    int settle() {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            List<ControllerAction> plan = reconcile();
            boolean podsChanged = syncReplicaSets(() -> {});
            int ready = makeAllReady();
            if (DeploymentFixtures.writes(plan).isEmpty() && !podsChanged && ready == 0) {
                return round;
            }
        }
        throw new AssertionError("not settled in " + MAX_ROUNDS + " rounds: " + specReplicas());
    }

    private void reportStatus() {
        for (Map.Entry<String, ObjectNode> entry : replicaSets.entrySet()) {
            ReplicaSet rs = ModelObjects.read(entry.getValue(), ReplicaSet.class);
            List<Pod> own = podsOf(entry.getKey());
            int ready = (int) own.stream().filter(RolloutSimulator::ready).count();
            ReplicaSetStatus status = new ReplicaSetStatus();
            status.setReplicas(own.size());
            status.setFullyLabeledReplicas(own.size());
            status.setReadyReplicas(ready);
            status.setAvailableReplicas(ready);
            status.setObservedGeneration(rs.getMetadata().getGeneration());
            entry.getValue().set("status", ModelObjects.toJson(status));
        }
    }

    private Pod newPod(ReplicaSet rs) {
        String name = rs.getMetadata().getName() + "-" + (++created);
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(DeploymentFixtures.NAMESPACE);
        metadata.setUid("uid-" + name);
        metadata.setCreationTimestamp(now.toString());
        metadata.setLabels(new LinkedHashMap<>(rs.getSpec().getTemplate().getMetadata().getLabels()));
        metadata.setOwnerReferences(List.of(new OwnerReference("apps/v1", true, true, "ReplicaSet",
                rs.getMetadata().getName(), rs.getMetadata().getUid())));
        pod.setMetadata(metadata);
        pod.setSpec(DeploymentFixtures.copy(rs.getSpec().getTemplate().getSpec()));
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        pod.setStatus(status);
        return pod;
    }

    // ---- what can be observed -----------------------------------------------------------------------

    Deployment deployment() {
        return ModelObjects.read(deployment, Deployment.class);
    }

    List<ReplicaSet> replicaSets() {
        return replicaSets.values().stream().map(json -> ModelObjects.read(json, ReplicaSet.class)).toList();
    }

    ReplicaSet replicaSet(String name) {
        return ModelObjects.read(Objects.requireNonNull(replicaSets.get(name), name), ReplicaSet.class);
    }

    /** The ReplicaSet whose pods run {@code image}. */
    String replicaSetWithImage(String image) {
        return replicaSets().stream()
                .filter(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                        .equals("coxswain/web:" + image))
                .map(rs -> rs.getMetadata().getName()).findFirst()
                .orElseThrow(() -> new AssertionError("no ReplicaSet of " + image));
    }

    List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    /** ReplicaSet name to {@code spec.replicas}. */
    Map<String, Integer> specReplicas() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        replicaSets().forEach(rs -> sizes.put(rs.getMetadata().getName(), ReplicaSets.specReplicas(rs)));
        return sizes;
    }

    List<Pod> podsOf(String replicaSet) {
        return pods.values().stream().filter(pod -> replicaSet.equals(owner(pod))).toList();
    }

    /** Image tag to the number of pods running it. */
    Map<String, Long> podsByImage() {
        Map<String, Long> byImage = new LinkedHashMap<>();
        pods.values().forEach(pod -> byImage.merge(
                pod.getSpec().getContainers().get(0).getImage().replace("coxswain/web:", ""), 1L, Long::sum));
        return byImage;
    }

    long availablePods() {
        return pods.values().stream().filter(RolloutSimulator::ready).count();
    }

    List<String> events() {
        return List.copyOf(events);
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String owner(Pod pod) {
        return pod.getMetadata().getOwnerReferences().get(0).getName();
    }
}
