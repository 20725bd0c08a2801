package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static io.coxswain.controlplane.controllers.daemonset.Plans.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status columns {@code kubectl get ds} prints and {@code kubectl rollout status ds} waits on. */
class DaemonSetStatusTest {

    @Test
    void countsDesiredCurrentReadyAvailableAndUpToDate() {
        DaemonSet old = daemonSet();
        DaemonSet ds = withImage(old, "v2");
        ds.getSpec().setMinReadySeconds(60);
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("agent", "yes"));
        List<Node> nodes = List.of(labelled(node("a"), "agent", "yes"), labelled(node("b"), "agent", "yes"),
                labelled(node("c"), "agent", "yes"), labelled(node("d"), "agent", "yes"), node("elsewhere"));
        List<Pod> pods = List.of(
                runningPod(ds, "new-a", "a", T0),                        // ready 2 min: available, up to date
                runningPod(ds, "new-b", "b", T0.plusSeconds(100)),       // ready 20 s: not yet available
                notReady(runningPod(old, "old-c", "c", T0)),             // not ready, old template
                runningPod(old, "old-elsewhere", "elsewhere", T0));                  // misscheduled
        // d has no pod yet

        JsonNode status = status(DaemonSetPlanner.plan(ds, nodes, pods, T0.plusSeconds(120))).orElseThrow();

        // Compared as text: the generation is a long, the expected JSON's numbers ints.
        assertThat(Json.write(status)).isEqualTo(Json.write(Json.parse("""
                {"observedGeneration":2,"desiredNumberScheduled":4,"currentNumberScheduled":3,"numberMisscheduled":1,
                 "numberReady":2,"numberAvailable":1,"numberUnavailable":3,"updatedNumberScheduled":2}""")));
    }

    @Test
    void writesNoStatusWhenItIsAlreadyRecorded() {
        DaemonSet ds = daemonSet();
        List<Pod> pods = List.of(runningPod(ds, "agent-1", "a", T0));
        JsonNode counted = status(DaemonSetPlanner.plan(ds, nodes("a"), pods, T0)).orElseThrow();
        ds.setStatus(Json.MAPPER.convertValue(counted, DaemonSetStatus.class));

        assertThat(DaemonSetPlanner.plan(ds, nodes("a"), pods, T0)).isEmpty();
    }

    @Test
    void writesTheStatusForANewGenerationEvenWithTheSameCounts() {
        DaemonSet ds = daemonSet();
        List<Pod> pods = List.of(runningPod(ds, "agent-1", "a", T0));
        ds.setStatus(Json.MAPPER.convertValue(status(DaemonSetPlanner.plan(ds, nodes("a"), pods, T0)).orElseThrow(),
                DaemonSetStatus.class));
        ds.getMetadata().setGeneration(2L);

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), pods, T0);

        assertThat(status(plan).orElseThrow().path("observedGeneration").asLong()).isEqualTo(2);
        ControllerAction.MergePatch patch = (ControllerAction.MergePatch) plan.stream()
                .filter(ControllerAction.MergePatch.class::isInstance).findFirst().orElseThrow();
        assertThat(patch.type().kind()).isEqualTo("DaemonSet");
        assertThat(patch.name()).isEqualTo("agent");
        assertThat(patch.subresource()).isEqualTo("status");
    }

    @Test
    void requeuesForWhenAReadyPodBecomesAvailable() {
        DaemonSet ds = daemonSet();
        ds.getSpec().setMinReadySeconds(30);
        List<Pod> pods = List.of(runningPod(ds, "agent-1", "a", T0));

        List<ControllerAction> plan = DaemonSetPlanner.plan(ds, nodes("a"), pods, T0.plusSeconds(10));

        assertThat(plan.get(plan.size() - 1)).isInstanceOfSatisfying(ControllerAction.RequeueAfter.class, requeue ->
                assertThat(requeue.delay()).isGreaterThan(java.time.Duration.ofSeconds(20))
                        .isLessThan(java.time.Duration.ofSeconds(21)));
    }

    @Test
    void replanAtIsWhenAReadyPodBecomesAvailable() {
        DaemonSet ds = daemonSet();
        ds.getSpec().setMinReadySeconds(30);
        List<Pod> pods = List.of(runningPod(ds, "agent-1", "a", T0), runningPod(ds, "agent-2", "b", T0.plusSeconds(10)));

        assertThat(DaemonSetPlanner.replanAt(ds, pods, T0.plusSeconds(12)))
                .hasValueSatisfying(at -> assertThat(at).isAfter(T0.plusSeconds(30)).isBefore(T0.plusSeconds(31)));
        assertThat(DaemonSetPlanner.replanAt(ds, pods, T0.plusSeconds(60))).isEmpty();
        assertThat(DaemonSetPlanner.replanAt(daemonSet(), pods, T0)).isEmpty();
    }
}
