package io.coxswain.protocol.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.patch.PatchMergeKeys.MergeStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PatchMergeKeysTest {

    @ParameterizedTest
    @CsvSource({
        "spec.containers, name",
        "spec.initContainers, name",
        "spec.ephemeralContainers, name",
        "spec.volumes, name",
        "spec.imagePullSecrets, name",
        "spec.hostAliases, ip",
        "spec.topologySpreadConstraints, topologyKey",
        "spec.template.spec.containers, name",
        "spec.template.spec.volumes, name",
        "spec.jobTemplate.spec.template.spec.initContainers, name",
        "template.spec.containers, name",
        "spec.containers[].env, name",
        "spec.containers[].ports, containerPort",
        "spec.containers[].volumeMounts, mountPath",
        "spec.containers[].volumeDevices, devicePath",
        "spec.template.spec.initContainers[].env, name",
        "spec.template.spec.ephemeralContainers[].volumeMounts, mountPath",
        "spec.ports, port",
        "metadata.ownerReferences, uid",
        "status.conditions, type",
        "status.podIPs, ip",
        "status.addresses, type",
        "secrets, name",
    })
    void mergesBuiltInListsByTheirKubernetesKey(String path, String mergeKey) {
        assertThat(PatchMergeKeys.strategyFor(path)).contains(new MergeStrategy(mergeKey));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.finalizers", "spec.template.metadata.finalizers", "spec.podCIDRs"})
    void mergesStringListsAsSets(String path) {
        assertThat(PatchMergeKeys.strategyFor(path)).hasValueSatisfying(s -> assertThat(s.mergesPrimitives()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec.tolerations", "spec.containers[].args", "spec.containers[].command",
        "spec.containers[].envFrom", "spec.volumeClaimTemplates", "spec.template.spec.readinessGates",
        "spec.containers[].env[].valueFrom", "data.containers", "spec.taints", "subsets"})
    void replacesListsWithoutMergeStrategy(String path) {
        assertThat(PatchMergeKeys.strategyFor(path)).isEmpty();
    }

    @Test
    void publishesItsTableReadably() {
        assertThat(PatchMergeKeys.table())
                .containsEntry("*.template.spec.containers[].env", "name")
                .containsEntry("*.metadata.finalizers", "(primitive set)")
                .containsEntry("spec.ports", "port");
    }
}
