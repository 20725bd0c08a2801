package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.protocol.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code revisionHistoryLimit} (Kubernetes' {@code cleanupDeployment}): once a rollout is complete,
 * the lowest revisions beyond the limit go, only when fully scaled down, never the current one.
 */
class HistoryCleanupTest {

    /** Revisions 1..{@code count} of "web" with the given history limit: old ones drained, the last one complete. */
    private static List<ReplicaSet> history(int count, int limit, UnaryOperator<ReplicaSet> oldest) {
        Deployment generation = limited(limit);
        List<ReplicaSet> sets = new ArrayList<>();
        for (int revision = 1; revision <= count; revision++) {
            if (revision > 1) {
                generation = withImage(generation, "v" + revision);
            }
            boolean current = revision == count;
            ReplicaSet rs = replicaSet(generation, "v" + revision, revision, current ? 4 : 0,
                    NOW.minusSeconds(10_000 - 1000L * revision));
            sets.add(revision == 1 && !current ? oldest.apply(rs) : rs);
        }
        return sets;
    }

    private static Deployment limited(int limit) {
        Deployment web = rolling(deployment(4), 1, 0);
        web.getSpec().setRevisionHistoryLimit(limit);
        return web;
    }

    /** The Deployment at {@code revision}, its rollout complete and recorded. */
    private static Deployment completeAt(int revision, int limit) {
        Deployment generation = limited(limit);
        for (int i = 2; i <= revision; i++) {
            generation = withImage(generation, "v" + i);
        }
        Deployment annotated = annotated(generation, DeploymentAnnotations.REVISION, Integer.toString(revision));
        return withStatus(annotated, status(annotated.getMetadata().getGeneration(), 4, 4, 4, 4));
    }

    private static List<String> deleted(Deployment deployment, List<ReplicaSet> sets) {
        return deletes(DeploymentPlanner.plan(deployment, sets, List.of(), NOW)).stream()
                .map(ControllerAction.Delete::name).toList();
    }

    @Test
    void theLowestRevisionsBeyondTheLimitAreDeletedWithTheirUid() {
        List<ControllerAction.Delete> deletes = deletes(DeploymentPlanner.plan(completeAt(5, 2),
                history(5, 2, rs -> rs), List.of(), NOW));

        assertThat(deletes).containsExactly(
                new ControllerAction.Delete(ResourceTypes.REPLICA_SET, NAMESPACE, "web-v1", "uid-web-v1"),
                new ControllerAction.Delete(ResourceTypes.REPLICA_SET, NAMESPACE, "web-v2", "uid-web-v2"));
    }

    @Test
    void aLimitOfZeroKeepsOnlyTheCurrentReplicaSet() {
        assertThat(deleted(completeAt(3, 0), history(3, 0, rs -> rs))).containsExactly("web-v1", "web-v2");
        assertThat(deleted(completeAt(1, 0), history(1, 0, rs -> rs))).isEmpty();
    }

    @Test
    void anOldReplicaSetStillWithPodsIsKept() {
        assertThat(deleted(completeAt(5, 2), history(5, 2, rs -> withStatus(rs, 1, 1, 1))))
                .containsExactly("web-v2");
    }

    @Test
    void anOldReplicaSetWhoseScaleDownIsNotYetObservedIsKept() {
        assertThat(deleted(completeAt(5, 2), history(5, 2, rs -> {
            ReplicaSet unobserved = copy(rs);
            unobserved.getMetadata().setGeneration(2L);
            return unobserved;
        }))).containsExactly("web-v2");
    }

    @Test
    void anOldReplicaSetAlreadyBeingDeletedDoesNotCount() {
        assertThat(deleted(completeAt(5, 2), history(5, 2, rs -> {
            ReplicaSet deleting = copy(rs);
            deleting.getMetadata().setDeletionTimestamp(NOW.toString());
            return deleting;
        }))).containsExactly("web-v2");
    }

    @Test
    void nothingIsDeletedWhileTheRolloutIsUnderWay() {
        Deployment underWay = withStatus(completeAt(5, 2), status(5, 5, 3, 4, 4));
        assertThat(deleted(underWay, history(5, 2, rs -> rs))).isEmpty();
    }

    @Test
    void revisionsNotCreationTimesDecideWhichGo() {
        // web-a is the oldest ReplicaSet but was rolled back to (revision 3) and away again (revision 4).
        Deployment generation = limited(1);
        ReplicaSet a = replicaSet(generation, "a", 3, 0, NOW.minusSeconds(9000));
        generation = withImage(generation, "b");
        ReplicaSet b = replicaSet(generation, "b", 2, 0, NOW.minusSeconds(8000));
        generation = withImage(generation, "c");
        ReplicaSet c = replicaSet(generation, "c", 4, 4, NOW.minusSeconds(7000));
        Deployment current = annotated(generation, DeploymentAnnotations.REVISION, "4");
        current = withStatus(current, status(current.getMetadata().getGeneration(), 4, 4, 4, 4));

        assertThat(deleted(current, List.of(a, b, c))).containsExactly("web-b");
    }
}
