package io.coxswain.controlplane.controllers.deployment;

import static io.coxswain.controlplane.controllers.deployment.DeploymentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ModelObjects;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubernetes' ClaimReplicaSets: orphans that match are adopted, owned sets that stop matching are released. */
class ReplicaSetClaimTest {

    private static ReplicaSet orphaned(ReplicaSet rs) {
        ReplicaSet orphan = copy(rs);
        orphan.getMetadata().setOwnerReferences(List.of());
        return orphan;
    }

    private static ReplicaSet relabelled(ReplicaSet rs, String app) {
        ReplicaSet changed = copy(rs);
        Map<String, String> labels = new HashMap<>(changed.getMetadata().getLabels());
        labels.put("app", app);
        changed.getMetadata().setLabels(labels);
        return changed;
    }

    private static List<OwnerReference> ownersPatched(ControllerAction.MergePatch patch) {
        return ModelObjects.read(patch.patch(), ReplicaSet.class).getMetadata().getOwnerReferences();
    }

    @Test
    void anOrphanedReplicaSetOfTheSameTemplateIsAdoptedInsteadOfANewOneMade() {
        Deployment web = deployment(3);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);
        ReplicaSet left = orphaned(replicaSet(web, hash, 1, 3, NOW.minusSeconds(600)));

        List<ControllerAction> plan = plan(web, left);

        assertThat(created(plan)).as("its pods run already: no second ReplicaSet").isEmpty();
        assertThat(replicaSetPatches(plan)).singleElement().satisfies(patch -> {
            assertThat(patch.name()).isEqualTo(left.getMetadata().getName());
            assertThat(patch.patch().at("/metadata/uid").asText()).isEqualTo(left.getMetadata().getUid());
            assertThat(ownersPatched(patch)).singleElement().satisfies(owner -> {
                assertThat(owner.getUid()).isEqualTo(DEPLOYMENT_UID);
                assertThat(owner.getController()).isTrue();
                assertThat(owner.getBlockOwnerDeletion()).isTrue();
            });
        });
        assertThat(status(plan).getReplicas()).as("its replicas count as the Deployment's").isEqualTo(3);
    }

    @Test
    void anOwnedReplicaSetWhoseLabelsNoLongerMatchIsReleasedAndNotCounted() {
        Deployment web = deployment(3);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);
        ReplicaSet moved = relabelled(replicaSet(web, hash, 1, 3, NOW.minusSeconds(600)), "elsewhere");

        List<ControllerAction> plan = plan(web, moved);

        assertThat(replicaSetPatches(plan)).filteredOn(p -> p.name().equals(moved.getMetadata().getName()))
                .singleElement().satisfies(patch -> assertThat(ownersPatched(patch)).isEmpty());
        assertThat(scaled(plan)).as("no longer its own: never scaled").doesNotContainKey(moved.getMetadata().getName());
    }

    @Test
    void anOrphanThatDoesNotMatchOrIsControlledByAnotherIsLeftAlone() {
        Deployment web = deployment(3);
        String hash = PodTemplateHash.of(web.getSpec().getTemplate(), null);
        ReplicaSet other = relabelled(orphaned(replicaSet(web, "other", 1, 2, NOW.minusSeconds(600))), "other");
        ReplicaSet foreign = copy(replicaSet(web, "foreign", 1, 2, NOW.minusSeconds(600)));
        foreign.getMetadata().setOwnerReferences(List.of(new OwnerReference("apps/v1", true, true, "Deployment",
                "someone", "someone-uid")));
        ReplicaSet own = replicaSet(web, hash, 1, 3, NOW.minusSeconds(600));

        assertThat(replicaSetPatches(plan(web, own, other, foreign))).isEmpty();
    }
}
