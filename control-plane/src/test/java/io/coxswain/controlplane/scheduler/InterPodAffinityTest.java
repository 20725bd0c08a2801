package io.coxswain.controlplane.scheduler;

import static io.coxswain.controlplane.scheduler.KubeObjects.node;
import static io.coxswain.controlplane.scheduler.KubeObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterPodAffinityTest {

    private static final String AFFINITY = "node(s) didn't match pod affinity rules";
    private static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    private static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

    private final InterPodAffinity filter = new InterPodAffinity();

    private static ClusterSnapshot cluster(ObjectNode... pods) {
        return ClusterSnapshot.of(List.of(
                node("node-a").label("topology.kubernetes.io/zone", "eu-1a").build(),
                node("node-b").label("topology.kubernetes.io/zone", "eu-1a").build(),
                node("node-c").label("topology.kubernetes.io/zone", "eu-1b").build()), List.of(pods));
    }

    private List<String> reasonsOn(String nodeName, PodInfo pod, ClusterSnapshot snapshot) {
        return filter.filter(pod, snapshot.node(nodeName).orElseThrow(), snapshot);
    }

    private static String term(String app, String topologyKey) {
        return """
                {"labelSelector": {"matchLabels": {"app": "%s"}}, "topologyKey": "%s"}
                """.formatted(app, topologyKey);
    }

    private static PodInfo withAffinity(String name, String app, String kind, String... terms) {
        return pod(name).label("app", app).spec("affinity", """
                {"%s": {"requiredDuringSchedulingIgnoredDuringExecution": [%s]}}
                """.formatted(kind, String.join(",", terms))).info();
    }

    @Test
    void antiAffinityKeepsReplicasOffAHostAlreadyRunningOne() {
        ClusterSnapshot snapshot = cluster(pod("web-1").label("app", "web").boundTo("node-a").build());
        PodInfo web2 = withAffinity("web-2", "web", "podAntiAffinity", term("web", "kubernetes.io/hostname"));

        assertThat(reasonsOn("node-a", web2, snapshot)).containsExactly(ANTI_AFFINITY);
        assertThat(reasonsOn("node-b", web2, snapshot)).isEmpty();
    }

    @Test
    void antiAffinityByZoneKeepsTheWholeZoneFree() {
        ClusterSnapshot snapshot = cluster(pod("web-1").label("app", "web").boundTo("node-a").build());
        PodInfo web2 = withAffinity("web-2", "web", "podAntiAffinity", term("web", "topology.kubernetes.io/zone"));

        assertThat(reasonsOn("node-b", web2, snapshot)).containsExactly(ANTI_AFFINITY);
        assertThat(reasonsOn("node-c", web2, snapshot)).isEmpty();
    }

    @Test
    void affinityNeedsAMatchingPodOnTheSameHost() {
        ClusterSnapshot snapshot = cluster(pod("cache-1").label("app", "cache").boundTo("node-b").build());
        PodInfo web = withAffinity("web-1", "web", "podAffinity", term("cache", "kubernetes.io/hostname"));

        assertThat(reasonsOn("node-b", web, snapshot)).isEmpty();
        assertThat(reasonsOn("node-a", web, snapshot)).containsExactly(AFFINITY);
    }

    @Test
    void affinityToAPodThatRunsNowhereFitsNoNode() {
        PodInfo web = withAffinity("web-1", "web", "podAffinity", term("cache", "kubernetes.io/hostname"));

        assertThat(reasonsOn("node-a", web, cluster())).containsExactly(AFFINITY);
    }

    @Test
    void theFirstPodOfAGroupWantingToBeTogetherMayStartAnywhere() {
        PodInfo first = withAffinity("web-1", "web", "podAffinity", term("web", "kubernetes.io/hostname"));

        assertThat(reasonsOn("node-a", first, cluster())).isEmpty();
        assertThat(reasonsOn("node-c", first, cluster())).isEmpty();
    }

    @Test
    void termsLookInThePodsOwnNamespaceUnlessTheyNameOthers() {
        ClusterSnapshot snapshot = cluster(pod("web-1").namespace("staging").label("app", "web").boundTo("node-a").build());
        PodInfo sameNamespaceOnly = withAffinity("web-2", "web", "podAntiAffinity", term("web", "kubernetes.io/hostname"));
        PodInfo naming = withAffinity("web-3", "web", "podAntiAffinity", """
                {"labelSelector": {"matchLabels": {"app": "web"}}, "namespaces": ["staging"],
                 "topologyKey": "kubernetes.io/hostname"}
                """);
        PodInfo everyNamespace = withAffinity("web-4", "web", "podAntiAffinity", """
                {"labelSelector": {"matchLabels": {"app": "web"}}, "namespaceSelector": {},
                 "topologyKey": "kubernetes.io/hostname"}
                """);

        assertThat(reasonsOn("node-a", sameNamespaceOnly, snapshot)).isEmpty();
        assertThat(reasonsOn("node-a", naming, snapshot)).containsExactly(ANTI_AFFINITY);
        assertThat(reasonsOn("node-a", everyNamespace, snapshot)).containsExactly(ANTI_AFFINITY);
    }

    @Test
    void anExistingPodsAntiAffinityKeepsMatchingPodsAway() {
        ClusterSnapshot snapshot = cluster(pod("db-0").label("app", "db").boundTo("node-a").spec("affinity", """
                {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                  {"labelSelector": {"matchLabels": {"app": "batch"}}, "topologyKey": "kubernetes.io/hostname"}]}}
                """).build());
        PodInfo batch = pod("batch-1").label("app", "batch").info();

        assertThat(reasonsOn("node-a", batch, snapshot)).containsExactly(EXISTING_ANTI_AFFINITY);
        assertThat(reasonsOn("node-b", batch, snapshot)).isEmpty();
    }

    @Test
    void aPodWithoutAffinityFitsAnywhere() {
        ClusterSnapshot snapshot = cluster(pod("web-1").label("app", "web").boundTo("node-a").build());

        assertThat(reasonsOn("node-a", pod("web-2").label("app", "web").info(), snapshot)).isEmpty();
    }
}
