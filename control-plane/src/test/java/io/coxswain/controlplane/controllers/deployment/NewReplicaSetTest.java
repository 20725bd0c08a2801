package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ReplicaSet a new Deployment, or a new template, gets: name, labels, owner, revision, size. */
class NewReplicaSetTest {

    @Test
    void aNewDeploymentCreatesOneReplicaSetNamedAfterItsPodTemplateHash() {
        Deployment web = deployment(4);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);

        List<ControllerAction> plan = plan(web);

        assertThat(created(plan)).singleElement().satisfies(rs -> {
            assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
            assertThat(rs.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            assertThat(rs.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("app", "web", "pod-template-hash", hash));
            assertThat(rs.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("app", "web", "pod-template-hash", hash));
            assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("app", "web", "pod-template-hash", hash));
            assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("coxswain/web:v1");
            assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
                    .containsEntry("deployment.kubernetes.io/desired-replicas", "4")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "5");
            assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner).isEqualTo(new OwnerReference("apps/v1", true, true, "Deployment", "web",
                        DEPLOYMENT_UID));
            });
            // Nothing else runs: all replicas at once (replicas + maxSurge allows more than replicas).
            assertThat(rs.getSpec().getReplicas()).isEqualTo(4);
        });
        assertThat(revisionWritten(plan)).contains("1");
        assertThat(events(plan)).containsExactly("Normal ScalingReplicaSet: Scaled up replica set web-" + hash
                + " from 0 to 4");
    }

    @Test
    void theHashIsStableAndSpellsNothing() {
        Deployment web = deployment(4);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);

        assertThat(PodTemplateHash.of(copy(web).getSpec().getTemplate(), null)).isEqualTo(hash);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(PodTemplateHash.of(withImage(web, "v2").getSpec().getTemplate(), null)).isNotEqualTo(hash);
        assertThat(PodTemplateHash.of(web.getSpec().getTemplate(), 1)).isNotEqualTo(hash);
    }

    @Test
    void aNewTemplateStartsItsReplicaSetWithinMaxSurge() {
        Deployment v1 = rolling(deployment(4), 1, 0);
        ReplicaSet old = replicaSet(v1, "v1", 1, 4, NOW.minusSeconds(600));
        Deployment v2 = withImage(v1, "v2");

        List<ControllerAction> plan = plan(v2, old);

        ReplicaSet created = created(plan).get(0);
        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
        assertThat(created.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(scaled(plan)).isEmpty();
        assertThat(revisionWritten(plan)).contains("2");
    }

    @Test
    void withRoomToBeUnavailableTheOldReplicaSetShrinksInTheSameRound() {
        // 25%/25% of 4: one surge pod and one unavailable pod allowed, as Kubernetes does in one sync.
        Deployment v1 = deployment(4);
        ReplicaSet old = replicaSet(v1, "v1", 1, 4, NOW.minusSeconds(600));

        List<ControllerAction> plan = plan(withImage(v1, "v2"), old);

        assertThat(created(plan)).singleElement().extracting(rs -> rs.getSpec().getReplicas()).isEqualTo(1);
        assertThat(scaled(plan)).containsExactly(Map.entry("web-v1", 3));
    }

    @Test
    void aNameTakenByAnotherTemplateBumpsTheCollisionCountAndTheNextRoundHashesAnew() {
        Deployment web = deployment(2);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);
        ReplicaSet squatter = replicaSet(withImage(web, "other"), hash, 1, 1, NOW.minusSeconds(60));
        squatter.getMetadata().setOwnerReferences(List.of());

        List<ControllerAction> plan = plan(web, squatter);

        assertThat(created(plan)).isEmpty();
        DeploymentStatus status = status(plan);
        assertThat(status.getCollisionCount()).isEqualTo(1);

        List<ControllerAction> next = plan(withStatus(web, status), squatter);
        String rehashed = PodTemplateHash.of(web.getSpec().getTemplate(), 1);
        assertThat(created(next)).singleElement().satisfies(rs -> {
            assertThat(rs.getMetadata().getName()).isEqualTo("web-" + rehashed).isNotEqualTo("web-" + hash);
            assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", rehashed);
        });
    }

    @Test
    void itsOwnExistingReplicaSetIsFoundNotCreatedAgain() {
        Deployment web = deployment(2);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);
        ReplicaSet own = replicaSet(web, hash, 1, 2, NOW.minusSeconds(60));

        List<ControllerAction> plan = plan(annotated(web, DeploymentAnnotations.REVISION, "1"), own);

        assertThat(created(plan)).isEmpty();
        assertThat(scaled(plan)).isEmpty();
    }

    @Test
    void aChangedMinReadySecondsIsCarriedToTheCurrentReplicaSetWithoutANewOne() {
        Deployment web = annotated(deployment(2), DeploymentAnnotations.REVISION, "1");
        ReplicaSet own = replicaSet(web, "v1", 1, 2, NOW.minusSeconds(60));
        Deployment slower = nextGeneration(web);
        slower.getSpec().setMinReadySeconds(10);

        List<ControllerAction> plan = plan(slower, own);

        assertThat(created(plan)).isEmpty();
        assertThat(replicaSetPatches(plan)).singleElement().satisfies(patch -> {
            assertThat(patch.name()).isEqualTo("web-v1");
            assertThat(patch.patch().path("spec").path("minReadySeconds").asInt()).isEqualTo(10);
        });
    }

    @Test
    void anEmptySelectorIsRefusedOncePerGeneration() {
        Deployment everything = deployment(2);
        everything.getSpec().getSelector().setMatchLabels(Map.of());

        List<ControllerAction> plan = plan(everything);

        assertThat(created(plan)).isEmpty();
        assertThat(events(plan)).containsExactly(
                "Warning SelectingAll: This deployment is selecting all pods. A non-empty selector is required.");
        assertThat(status(plan).getObservedGeneration()).isEqualTo(1);

        DeploymentStatus observed = new DeploymentStatus();
        observed.setObservedGeneration(1L);
        assertThat(plan(withStatus(everything, observed))).isEmpty();
    }
}
