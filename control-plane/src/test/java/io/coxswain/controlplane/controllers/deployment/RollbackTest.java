package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl rollout undo}: the Deployment's template set back to an old ReplicaSet's (its
 * pod-template-hash label removed). That ReplicaSet becomes the new one again, with the newest
 * revision; no ReplicaSet is created.
 */
class RollbackTest {

    private static final Deployment V1 = rolling(deployment(4), 1, 0);
    private static final Deployment V2 = annotated(withImage(V1, "v2"), DeploymentAnnotations.REVISION, "2");
    private static final ReplicaSet OLD_V1 = withStatus(scaledTo(replicaSet(V1, "v1", 1, 4, NOW.minusSeconds(900)), 0),
            0, 0, 0);
    private static final ReplicaSet CURRENT_V2 = replicaSet(V2, "v2", 2, 4, NOW.minusSeconds(600));

    /** What {@code kubectl rollout undo} writes: V1's template, a new generation. */
    private static Deployment undoneToV1(Deployment from) {
        Deployment undone = nextGeneration(from);
        undone.getSpec().setTemplate(copy(V1.getSpec().getTemplate()));
        return undone;
    }

    @Test
    void theOldReplicaSetIsReusedAndGetsTheNewestRevision() {
        List<ControllerAction> plan = plan(undoneToV1(V2), OLD_V1, CURRENT_V2);

        assertThat(created(plan)).isEmpty();
        assertThat(annotationsSet(plan).get("web-v1"))
                .containsEntry("deployment.kubernetes.io/revision", "3")
                .containsEntry("deployment.kubernetes.io/revision-history", "1");
        assertThat(revisionWritten(plan)).contains("3");
        // And the rollout back starts within maxSurge like any other.
        assertThat(scaled(plan)).isEqualTo(Map.of("web-v1", 1));
        assertThat(events(plan)).containsExactly("Normal ScalingReplicaSet: Scaled up replica set web-v1 from 0 to 1");
    }

    @Test
    void revisionHistoryKeepsEveryRevisionTheReplicaSetHad() {
        ReplicaSet twiceOld = annotated(annotated(OLD_V1, DeploymentAnnotations.REVISION, "3"),
                DeploymentAnnotations.REVISION_HISTORY, "1");
        ReplicaSet v2Again = annotated(CURRENT_V2, DeploymentAnnotations.REVISION, "4");

        List<ControllerAction> plan = plan(undoneToV1(annotated(V2, DeploymentAnnotations.REVISION, "4")), twiceOld,
                v2Again);

        assertThat(annotationsSet(plan).get("web-v1"))
                .containsEntry("deployment.kubernetes.io/revision", "5")
                .containsEntry("deployment.kubernetes.io/revision-history", "1,3");
        assertThat(revisionWritten(plan)).contains("5");
    }

    @Test
    void theChangeCauseIsCopiedButNotKubectlsLastAppliedCopy() {
        Deployment undone = annotated(annotated(undoneToV1(V2), "kubernetes.io/change-cause", "rollback to v1"),
                "kubectl.kubernetes.io/last-applied-configuration", "{}");

        Map<String, String> annotations = annotationsSet(plan(undone, OLD_V1, CURRENT_V2)).get("web-v1");

        assertThat(annotations).containsEntry("kubernetes.io/change-cause", "rollback to v1")
                .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
    }

    @Test
    void theReplicaSetRolledAwayFromBecomesOldAndShrinksAsTheOtherBecomesAvailable() {
        ReplicaSet back = annotated(withStatus(scaledTo(OLD_V1, 1), 1, 1, 1), DeploymentAnnotations.REVISION, "3");
        Deployment undone = annotated(undoneToV1(V2), DeploymentAnnotations.REVISION, "3");

        List<ControllerAction> plan = plan(undone, back, CURRENT_V2);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEqualTo(Map.of("web-v2", 3));
    }

    @Test
    void theNextTemplateAfterARollbackGetsTheRevisionAfterIt() {
        ReplicaSet back = annotated(replicaSet(V1, "v1", 3, 4, NOW.minusSeconds(900)),
                DeploymentAnnotations.REVISION_HISTORY, "1");
        ReplicaSet away = withStatus(scaledTo(annotated(CURRENT_V2, DeploymentAnnotations.REVISION, "2"), 0), 0, 0, 0);
        Deployment v3 = withImage(annotated(undoneToV1(V2), DeploymentAnnotations.REVISION, "3"), "v3");

        List<ControllerAction> plan = plan(v3, back, away);

        assertThat(created(plan)).singleElement().satisfies(rs -> assertThat(rs.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "4"));
    }
}
