package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.entity.ResourceMetrics;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsDocumentsTest {
    private static final long SAMPLED = Instant.parse("2026-11-27T08:00:10Z").toEpochMilli();
    private static final long NOW = Instant.parse("2026-11-27T08:00:12Z").toEpochMilli();

    @Test
    void podMetricsHaveKubernetesShapeWithUsagePerContainer() {
        JsonNode pod = Json.parse("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"shop","uid":"u-1",
                 "labels":{"app":"web"},"resourceVersion":"42"},"spec":{"nodeName":"worker-1"}}""");
        ResourceMetrics.PodUsage usage = new ResourceMetrics.PodUsage("u-1", "shop", "web", "worker-1", SAMPLED,
                10_003, List.of(new ResourceMetrics.ContainerUsage("app", 12_000_000, 3456 * 1024),
                        new ResourceMetrics.ContainerUsage("sidecar", 0, 1L << 20)));

        JsonNode metrics = MetricsDocuments.podMetrics(usage, pod, NOW);

        assertThat(metrics).isEqualTo(Json.parse("""
                {"kind":"PodMetrics","apiVersion":"metrics.k8s.io/v1beta1",
                 "metadata":{"name":"web","namespace":"shop","creationTimestamp":"2026-11-27T08:00:12Z",
                             "labels":{"app":"web"}},
                 "timestamp":"2026-11-27T08:00:10Z","window":"10.003s",
                 "containers":[{"name":"app","usage":{"cpu":"12m","memory":"3456Ki"}},
                               {"name":"sidecar","usage":{"cpu":"0","memory":"1Mi"}}]}"""));
    }

    @Test
    void nodeMetricsHaveKubernetesShape() {
        JsonNode node = Json.parse("""
                {"kind":"Node","apiVersion":"v1","metadata":{"name":"worker-1",
                 "labels":{"kubernetes.io/hostname":"worker-1"}}}""");
        ResourceMetrics.NodeUsage usage = new ResourceMetrics.NodeUsage("worker-1", SAMPLED, 5000, 1_250_000_000L,
                6L << 30);

        JsonNode metrics = MetricsDocuments.nodeMetrics(usage, node, NOW);

        assertThat(metrics).isEqualTo(Json.parse("""
                {"kind":"NodeMetrics","apiVersion":"metrics.k8s.io/v1beta1",
                 "metadata":{"name":"worker-1","creationTimestamp":"2026-11-27T08:00:12Z",
                             "labels":{"kubernetes.io/hostname":"worker-1"}},
                 "timestamp":"2026-11-27T08:00:10Z","window":"5s",
                 "usage":{"cpu":"1250m","memory":"6Gi"}}"""));
    }

    @Test
    void listsNameTheirKindAndCarryTheItems() {
        JsonNode list = MetricsDocuments.list("PodMetrics", List.of(Json.object().put("kind", "PodMetrics")));
        assertThat(list.path("kind").asText()).isEqualTo("PodMetricsList");
        assertThat(list.path("apiVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(list.path("metadata").isObject()).isTrue();
        assertThat(list.path("items")).hasSize(1);
    }

    @Test
    void aTableHasMetricsServersColumnsAndAPodsUsageSummedOverItsContainers() {
        JsonNode pod = Json.parse("{\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}");
        ResourceMetrics.PodUsage usage = new ResourceMetrics.PodUsage("u-1", "shop", "web", "worker-1", SAMPLED,
                5000, List.of(new ResourceMetrics.ContainerUsage("a", 10_000_000, 1L << 20),
                        new ResourceMetrics.ContainerUsage("b", 2_000_000, 1L << 20)));

        JsonNode table = MetricsDocuments.table(List.of(MetricsDocuments.Item.of(usage, pod, NOW)));

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "cpu", "memory", "Window");
        assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"web\",\"12m\",\"2Mi\",\"5s\"]");
        assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
                .isEqualTo("shop");
    }

    @Test
    void theNewerOfTwoSamplesOfOnePodOrNodeWins() {
        ResourceMetrics.PodUsage older = new ResourceMetrics.PodUsage("u-1", "ns", "p", "n", 1000, 5000, List.of());
        ResourceMetrics.PodUsage newer = new ResourceMetrics.PodUsage("u-1", "ns", "p", "n", 2000, 5000, List.of());
        ResourceMetrics.NodeUsage node = new ResourceMetrics.NodeUsage("n", 1000, 5000, 1, 1);

        UsageIndex index = UsageIndex.of(List.of(new ResourceMetrics.Report(List.of(node), List.of(newer)),
                new ResourceMetrics.Report(List.of(), List.of(older)), ResourceMetrics.Report.EMPTY));

        assertThat(index.pod("u-1")).contains(newer);
        assertThat(index.node("n")).contains(node);
        assertThat(index.pod("u-2")).isEmpty();
        assertThat(index.node("m")).isEmpty();
    }

    @Test
    void discoveryAdvertisesTheMetricsGroupLastAndItsReadOnlyResources() {
        JsonNode groups = Discovery.groups().path("groups");
        JsonNode last = groups.get(groups.size() - 1);
        assertThat(last.path("name").asText()).isEqualTo("metrics.k8s.io");
        assertThat(last.path("preferredVersion").path("groupVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");

        JsonNode resources = Discovery.metricsResources();
        assertThat(resources.path("groupVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(resources.path("resources").findValuesAsText("kind")).containsExactly("NodeMetrics", "PodMetrics");
        assertThat(resources.path("resources").get(1).path("namespaced").asBoolean()).isTrue();
        assertThat(resources.path("resources").get(0).path("verbs").toString()).isEqualTo("[\"get\",\"list\"]");
    }
}
