package io.coxswain.controlplane.controllers.daemonset;

import static io.coxswain.controlplane.controllers.daemonset.DaemonSetFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.Json;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template hash standing in for Kubernetes' ControllerRevision hash. */
class CurrentRevisionTest {

    @Test
    void hashLooksLikeKubernetesRevisionHashes() {
        assertThat(CurrentRevision.of(daemonSet()).hash()).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    }

    @Test
    void hashChangesWithTheTemplateOnly() {
        DaemonSet ds = daemonSet();
        DaemonSet otherStrategy = daemonSet();
        otherStrategy.getSpec().setMinReadySeconds(10);
        otherStrategy.getMetadata().setGeneration(5L);

        assertThat(CurrentRevision.of(otherStrategy).hash()).isEqualTo(CurrentRevision.of(ds).hash());
        assertThat(CurrentRevision.of(withImage(ds, "v2")).hash()).isNotEqualTo(CurrentRevision.of(ds).hash());
    }

    @Test
    void hashIgnoresTheOrderOfKeys() {
        assertThat(CurrentRevision.hashOf(Json.parse("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}")))
                .isEqualTo(CurrentRevision.hashOf(Json.parse("{\"metadata\":{\"labels\":{\"b\":\"2\",\"a\":\"1\"}}}")));
    }

    @Test
    void podIsCurrentByHashOrByTheOldTemplateGeneration() {
        CurrentRevision revision = new CurrentRevision("abc", java.util.Optional.of("4"));

        assertThat(revision.isCurrent(Map.of("controller-revision-hash", "abc"))).isTrue();
        assertThat(revision.isCurrent(Map.of("pod-template-generation", "4"))).isTrue();
        assertThat(revision.isCurrent(Map.of("controller-revision-hash", "xyz", "pod-template-generation", "3"))).isFalse();
    }
}
