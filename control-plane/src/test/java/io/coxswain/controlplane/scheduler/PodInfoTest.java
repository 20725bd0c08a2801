package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.Json;
import org.junit.jupiter.api.Test;

class PodInfoTest {

    @Test
    void addsUpTheRequestsOfAllContainers() {
        PodInfo pod = pod("web").requests("250m", "64Mi").container("log-shipper", "100m", "32Mi").info();

        assertThat(pod.requests()).isEqualTo(new Resources(350, 96L * 1024 * 1024));
    }

    @Test
    void initContainersCountOnlyWhenTheLargestExceedsTheAppContainers() {
        PodInfo migrating = pod("web").requests("500m", "256Mi")
                .initContainer("migrate", "2", "128Mi")
                .initContainer("warm-cache", "100m", "1Gi")
                .info();

        // max(sum(containers), max(initContainers)) per resource: cpu from "migrate", memory from "warm-cache".
        assertThat(migrating.requests()).isEqualTo(new Resources(2000, 1024L * 1024 * 1024));
    }

    @Test
    void smallInitContainersDoNotAddToThePod() {
        PodInfo pod = pod("web").requests("1", "1Gi").initContainer("wait-for-db", "10m", "16Mi").info();

        assertThat(pod.requests()).isEqualTo(new Resources(1000, 1024L * 1024 * 1024));
    }

    @Test
    void sidecarsRunAlongsideTheAppAndLaterInitContainers() {
        PodInfo pod = pod("web").requests("1", "1Gi")
                .sidecar("proxy", "200m", "128Mi")
                .initContainer("migrate", "1100m", "64Mi")
                .info();

        // Running: app + proxy = 1200m; the "migrate" phase: migrate + proxy = 1300m.
        assertThat(pod.requests().milliCpu()).isEqualTo(1300);
        assertThat(pod.requests().memory()).isEqualTo((1024L + 128) * 1024 * 1024);
    }

    @Test
    void aMissingRequestDefaultsToTheLimit() {
        PodInfo pod = pod("web").spec("containers", """
                [{"name": "app", "image": "nginx:1.27",
                  "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"memory": "64Mi"}}}]
                """).info();

        assertThat(pod.requests()).isEqualTo(new Resources(500, 64L * 1024 * 1024));
    }

    @Test
    void negativeOrMalformedRequestsReadAsAbsentSoTheyCannotMakeRoom() {
        PodInfo negative = pod("web").requests("-2", "-1Gi").info();
        PodInfo malformed = pod("web").requests("two cores", "1 gig").info();

        assertThat(negative.requests()).isEqualTo(Resources.NONE);
        assertThat(malformed.requests()).isEqualTo(Resources.NONE);
    }

    @Test
    void podOverheadIsAddedOnTop() {
        PodInfo pod = pod("sandboxed").requests("1", "1Gi")
                .spec("overhead", "{\"cpu\": \"250m\", \"memory\": \"120Mi\"}")
                .info();

        assertThat(pod.requests()).isEqualTo(new Resources(1250, (1024L + 120) * 1024 * 1024));
    }

    @Test
    void scoringCountsMissingRequestsAsKubeSchedulerDefaults() {
        PodInfo bestEffort = pod("best-effort").info();
        PodInfo cpuOnly = pod("cpu-only").requests("2", null).info();

        assertThat(bestEffort.requests()).isEqualTo(Resources.NONE);
        assertThat(bestEffort.nonZeroRequests()).isEqualTo(new Resources(100, 200L * 1024 * 1024));
        assertThat(cpuOnly.nonZeroRequests()).isEqualTo(new Resources(2000, 200L * 1024 * 1024));
    }

    @Test
    void hostNetworkPodsHoldEveryContainerPortOnTheHost() {
        PodInfo pod = pod("dns").spec("hostNetwork", "true").spec("containers", """
                [{"name": "coredns", "image": "coredns/coredns:1.11.3",
                  "ports": [{"containerPort": 53, "protocol": "UDP"}, {"containerPort": 53, "protocol": "TCP"},
                            {"containerPort": 9153}]}]
                """).info();

        assertThat(pod.hostPorts()).containsExactly(
                new HostPort("", "UDP", 53), new HostPort("", "TCP", 53), new HostPort("", "TCP", 9153));
    }

    @Test
    void containerPortsWithoutHostPortAreNotHostPorts() {
        PodInfo pod = pod("web").spec("containers", """
                [{"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]
                """).info();

        assertThat(pod.hostPorts()).isEmpty();
    }

    @Test
    void theControllingOwnerIsTheOneSpreadBy() {
        PodInfo pod = PodInfo.of(Json.parseObject("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web-7d4b9c-x2x5q", "namespace": "shop",
                   "ownerReferences": [
                     {"apiVersion": "v1", "kind": "ConfigMap", "name": "settings", "uid": "cm-1"},
                     {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c", "uid": "rs-1",
                      "controller": true, "blockOwnerDeletion": true}]},
                 "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}
                """));

        assertThat(pod.owner()).contains(new PodInfo.Owner("ReplicaSet", "web-7d4b9c", "rs-1"));
        assertThat(pod.namespace()).isEqualTo("shop");
    }

    @Test
    void requiredNodeAffinityIsAbsentUnlessDeclared() {
        assertThat(pod("plain").info().requiredNodeAffinity()).isEmpty();
        assertThat(pod("picky").spec("affinity", """
                {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                  {"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]}]}]}}}
                """).info().requiredNodeAffinity()).hasValueSatisfying(terms -> assertThat(terms).hasSize(1));
    }
}
