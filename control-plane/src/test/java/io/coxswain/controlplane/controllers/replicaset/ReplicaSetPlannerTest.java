package io.coxswain.controlplane.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetPlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String RS_UID = "rs-uid";

    private static ObjectNode replicaSet(int replicas, String extraSpec) {
        return Json.parseObject("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet",
                 "metadata":{"name":"web","namespace":"ns","uid":"%s","generation":3},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}}%s,
                   "template":{"metadata":{"labels":{"app":"web","tier":"front"}},
                     "spec":{"containers":[{"name":"c","image":"coxswain/busybox:1"}]}}},
                 "status":{}}""".formatted(RS_UID, replicas, extraSpec));
    }

    private static ReplicaSetView view(int replicas) {
        return ReplicaSetView.of(ResourceTypes.REPLICA_SET, replicaSet(replicas, ""));
    }

    /** A pod: owner "rs" (ours), "other" or none; phase; node; ready since (null = not ready). */
    private static Pod pod(String name, String owner, String phase, String node, Instant readySince,
                           Instant created, String labels) {
        String owners = switch (owner) {
            case "rs" -> "[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web\",\"uid\":\"" + RS_UID
                    + "\",\"controller\":true}]";
            case "other" -> "[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"x\",\"uid\":\"x\","
                    + "\"controller\":true}]";
            default -> "[]";
        };
        String ready = readySince == null ? "{\"type\":\"Ready\",\"status\":\"False\"}"
                : "{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + readySince + "\"}";
        return ModelObjects.read(Json.parseObject("""
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"%s","namespace":"ns","uid":"uid-%s","labels":%s,"ownerReferences":%s,
                   "creationTimestamp":"%s"},
                 "spec":{"nodeName":"%s","containers":[{"name":"c","image":"i"}]},
                 "status":{"phase":"%s","conditions":[%s]}}""".formatted(name, name, labels, owners, created,
                node, phase, ready)), Pod.class);
    }

    private static Pod running(String name, Instant readySince) {
        return pod(name, "rs", "Running", "n1", readySince, NOW.minusSeconds(600), "{\"app\":\"web\",\"tier\":\"front\"}");
    }

    private static <T> List<T> of(List<ControllerAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void createsTheMissingPodsFromTheTemplateOwnedByTheSet() {
        List<ControllerAction> actions = ReplicaSetPlanner.plan(view(3), List.of(running("a", NOW)), null, NOW);

        List<ControllerAction.Create> creates = of(actions, ControllerAction.Create.class);
        assertThat(creates).hasSize(2);
        ObjectNode pod = creates.get(0).object();
        assertThat(Json.text(pod, "metadata.generateName")).isEqualTo("web-");
        assertThat(Json.text(pod, "metadata.namespace")).isEqualTo("ns");
        assertThat(pod.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"web\",\"tier\":\"front\"}");
        assertThat(pod.path("metadata").path("ownerReferences").get(0).toString()).isEqualTo(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web\",\"uid\":\"rs-uid\","
                        + "\"controller\":true,\"blockOwnerDeletion\":true}");
        assertThat(pod.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("coxswain/busybox:1");
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreatingOneMore() {
        Pod orphan = pod("orphan", "none", "Running", "n1", NOW, NOW, "{\"app\":\"web\"}");
        Pod someoneElses = pod("theirs", "other", "Running", "n1", NOW, NOW, "{\"app\":\"web\"}");
        List<ControllerAction> actions = ReplicaSetPlanner.plan(view(2),
                List.of(running("a", NOW), orphan, someoneElses), null, NOW);

        assertThat(of(actions, ControllerAction.Create.class)).isEmpty();
        List<ControllerAction.MergePatch> patches = of(actions, ControllerAction.MergePatch.class).stream()
                .filter(p -> p.subresource().isEmpty()).toList();
        assertThat(patches).singleElement().satisfies(patch -> {
            assertThat(patch.name()).isEqualTo("orphan");
            assertThat(patch.patch().path("metadata").path("ownerReferences").get(0).path("uid").asText())
                    .isEqualTo(RS_UID);
            assertThat(Json.text(patch.patch(), "metadata.uid")).isEqualTo("uid-orphan");
        });
    }

    @Test
    void releasesAnOwnedPodWhoseLabelsStoppedMatchingAndReplacesIt() {
        Pod relabelled = pod("debug", "rs", "Running", "n1", NOW, NOW, "{\"app\":\"debugging\"}");
        List<ControllerAction> actions = ReplicaSetPlanner.plan(view(2), List.of(running("a", NOW), relabelled),
                null, NOW);

        ControllerAction.MergePatch release = of(actions, ControllerAction.MergePatch.class).get(0);
        assertThat(release.name()).isEqualTo("debug");
        assertThat(release.patch().path("metadata").path("ownerReferences")).isEmpty();
        assertThat(of(actions, ControllerAction.Create.class)).hasSize(1);
    }

    @Test
    void scaleDownDeletesUnscheduledThenPendingThenNotReadyThenNewestFirst() {
        Instant old = NOW.minusSeconds(3600);
        List<Pod> pods = List.of(
                pod("ready-old", "rs", "Running", "n1", old, old, "{\"app\":\"web\"}"),
                pod("ready-new", "rs", "Running", "n1", NOW.minusSeconds(10), NOW.minusSeconds(20), "{\"app\":\"web\"}"),
                pod("not-ready", "rs", "Running", "n1", null, old, "{\"app\":\"web\"}"),
                pod("pending", "rs", "Pending", "n1", null, old, "{\"app\":\"web\"}"),
                pod("unscheduled", "rs", "Pending", "", null, old, "{\"app\":\"web\"}"));

        List<String> order = new ArrayList<>();
        for (int keep = 4; keep >= 0; keep--) {
            List<String> gone = List.copyOf(order);
            List<Pod> left = pods.stream().filter(p -> !gone.contains(p.getMetadata().getName())).toList();
            List<ControllerAction.Delete> deletes = of(ReplicaSetPlanner.plan(view(keep), left, null, NOW),
                    ControllerAction.Delete.class);
            assertThat(deletes).hasSize(1);
            order.add(deletes.get(0).name());
            assertThat(deletes.get(0).uid()).isEqualTo("uid-" + deletes.get(0).name());
        }
        assertThat(order).containsExactly("unscheduled", "pending", "not-ready", "ready-new", "ready-old");
    }

    @Test
    void podsThatEndedOrAreBeingDeletedDoNotCountAndAreReplaced() {
        Pod failed = pod("failed", "rs", "Failed", "n1", null, NOW, "{\"app\":\"web\"}");
        Pod terminating = running("terminating", NOW);
        terminating.getMetadata().setDeletionTimestamp(NOW.toString());
        List<ControllerAction> actions = ReplicaSetPlanner.plan(view(2),
                List.of(running("a", NOW), failed, terminating), null, NOW);

        assertThat(of(actions, ControllerAction.Create.class)).hasSize(1);
        assertThat(of(actions, ControllerAction.Delete.class)).isEmpty();
    }

    @Test
    void statusCountsReadyAndAvailableAfterMinReadySecondsAndAsksToLookAgainThen() {
        ReplicaSetView rs = ReplicaSetView.of(ResourceTypes.REPLICA_SET, replicaSet(3, ",\"minReadySeconds\":30"));
        Pod relabelledButMatching = pod("partial", "rs", "Running", "n1", NOW.minusSeconds(100), NOW,
                "{\"app\":\"web\"}");
        List<ControllerAction> actions = ReplicaSetPlanner.plan(rs, List.of(running("long-ready",
                NOW.minusSeconds(100)), running("just-ready", NOW.minusSeconds(10)), relabelledButMatching), null, NOW);

        ObjectNode status = (ObjectNode) of(actions, ControllerAction.MergePatch.class).stream()
                .filter(p -> p.subresource().equals("status")).findFirst().orElseThrow().patch().path("status");
        assertThat(status.path("replicas").asInt()).isEqualTo(3);
        assertThat(status.path("fullyLabeledReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(3);
        assertThat(of(actions, ControllerAction.RequeueAfter.class)).singleElement()
                .satisfies(r -> assertThat(r.delay()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(21)));
    }

    @Test
    void aSettledSetPlansNothingAtAll() {
        List<Pod> pods = List.of(running("a", NOW.minusSeconds(60)), running("b", NOW.minusSeconds(60)));
        List<ControllerAction> first = ReplicaSetPlanner.plan(view(2), pods, null, NOW);
        ObjectNode stored = replicaSet(2, "");
        // The status as the entity stores it: through JSON, numbers as they parse back.
        stored.set("status", Json.parse(Json.write(of(first, ControllerAction.MergePatch.class).get(0).patch()
                .path("status"))));

        assertThat(ReplicaSetPlanner.plan(ReplicaSetView.of(ResourceTypes.REPLICA_SET, stored), pods, null,
                NOW.plusSeconds(5))).isEmpty();
    }

    @Test
    void aFailedCreateSetsReplicaFailureUntilCreatesSucceedAgain() {
        List<ControllerAction> failing = ReplicaSetPlanner.plan(view(1), List.of(), "pods \"web-x\" is forbidden",
                NOW);
        ObjectNode status = (ObjectNode) of(failing, ControllerAction.MergePatch.class).get(0).patch().path("status");
        assertThat(status.path("conditions").get(0).toString()).contains("\"type\":\"ReplicaFailure\"",
                "\"status\":\"True\"", "\"reason\":\"FailedCreate\"", "forbidden");

        ObjectNode stored = replicaSet(1, "");
        stored.set("status", status);
        List<ControllerAction> recovered = ReplicaSetPlanner.plan(ReplicaSetView.of(ResourceTypes.REPLICA_SET,
                stored), List.of(running("a", NOW)), null, NOW);
        ObjectNode patch = of(recovered, ControllerAction.MergePatch.class).get(0).patch();
        assertThat(patch.path("status").path("conditions").isNull()).isTrue();
    }

    @Test
    void aReplicationControllerSelectsByItsLabelMapOrByItsTemplatesLabels() {
        ObjectNode rc = Json.parseObject("""
                {"apiVersion":"v1","kind":"ReplicationController",
                 "metadata":{"name":"web","namespace":"ns","uid":"rc-uid","generation":1},
                 "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"web","tier":"front"}},
                   "spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        ReplicaSetView byTemplate = ReplicaSetView.of(ResourceTypes.REPLICATION_CONTROLLER, rc);
        assertThat(byTemplate.selector().matches(java.util.Map.of("app", "web", "tier", "front"))).isTrue();
        assertThat(byTemplate.selector().matches(java.util.Map.of("app", "web"))).isFalse();

        ((ObjectNode) rc.path("spec")).putObject("selector").put("app", "web");
        ReplicaSetView bySelector = ReplicaSetView.of(ResourceTypes.REPLICATION_CONTROLLER, rc);
        assertThat(bySelector.selector().matches(java.util.Map.of("app", "web"))).isTrue();
        ControllerAction.Create create = of(ReplicaSetPlanner.plan(bySelector, List.of(), null, NOW),
                ControllerAction.Create.class).get(0);
        assertThat(create.object().path("metadata").path("ownerReferences").get(0).path("kind").asText())
                .isEqualTo("ReplicationController");
    }

    @Test
    void aSetBeingDeletedNeitherCreatesNorAdopts() {
        ObjectNode deleting = replicaSet(3, "");
        ((ObjectNode) deleting.path("metadata")).put("deletionTimestamp", NOW.toString());
        Pod orphan = pod("orphan", "none", "Running", "n1", NOW, NOW, "{\"app\":\"web\"}");
        List<ControllerAction> actions = ReplicaSetPlanner.plan(ReplicaSetView.of(ResourceTypes.REPLICA_SET,
                deleting), List.of(orphan), null, NOW);

        assertThat(of(actions, ControllerAction.Create.class)).isEmpty();
        assertThat(of(actions, ControllerAction.MergePatch.class)).allMatch(p -> p.subresource().equals("status"));
    }
}
