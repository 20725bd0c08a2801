package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl top} and the metrics.k8s.io API against the test cluster: a pod that burns some CPU (process
 * runtime) shows non-zero CPU, per container with {@code --containers}, found by namespace, across namespaces and
 * by label; every worker node shows its usage; fabric8 and a raw GET read the same PodMetrics.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class MetricsIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final String NS = TestNamespace.of(MetricsIT.class).name();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A row of {@code kubectl top pods}: NAME CPU(cores) MEMORY(bytes). */
    private static final Pattern BURNER_ROW = Pattern.compile("(?m)^burner\\s+(\\d+)m\\s+(\\d+)Mi\\s*$");

    private static LocalCluster.Result kubectl(String... args) {
        return CLUSTER.kubectl(args);
    }

    @BeforeAll
    static void runABurningPod() throws InterruptedException {
        // "burn" works for a moment, then naps, so it uses a share of a core without taking one from the build
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: burner, namespace: %s, labels: {app: burner}}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                    - name: burn
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "while true; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.2; done"]
                    - name: idle
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "exec sleep 3600"]
                """.formatted(NS);
        CLUSTER.kubectlWithInput(manifest, "apply", "-f", "-").assertOk();
        // Ready, not just Running: Running comes once one container runs, and the agent's samples
        // (every 5 s) would then name the burner without its second container for a while.
        Await.until(() -> kubectl("get", "pod", "burner", "-n", NS, "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout(), "True", 60);
        Await.until("a sample with both of the burner's containers", () -> kubectl("top", "pods", "-n", NS,
                "--containers").stdout(), top -> top.contains(" burn ") && top.contains(" idle "), 60);
    }

    /** {@code kubectl top pods …} once the pod's row shows up (metrics come after the agent's first samples). */
    private static String topPodsShowingBurner(String... args) throws InterruptedException {
        return Await.until("the burner's row", () -> kubectl(args).stdout(), top -> top.contains("burner"), 60);
    }

    @Test
    void topPodsShowsTheBurningPodWithNonZeroCpuAndItsMemory() throws InterruptedException {
        String top = topPodsShowingBurner("top", "pods", "-n", NS);
        assertThat(top).startsWith("NAME").contains("CPU(cores)").contains("MEMORY(bytes)");
        Matcher row = BURNER_ROW.matcher(top);
        assertThat(row.find()).as(top).isTrue();
        assertThat(Integer.parseInt(row.group(1))).as("millicores in\n" + top).isPositive();

        String one = kubectl("top", "pod", "burner", "-n", NS).assertOk().stdout();
        assertThat(one).containsPattern("(?m)^burner\\s+[1-9]\\d*m\\s+\\d+Mi");
    }

    @Test
    void topPodsWithContainersShowsEachContainer() throws InterruptedException {
        String top = topPodsShowingBurner("top", "pods", "-n", NS, "--containers");
        assertThat(top).startsWith("POD").contains("NAME");
        assertThat(top).containsPattern("(?m)^burner\\s+burn\\s+[1-9]\\d*m\\s+\\d+Mi\\s*$");
        assertThat(top).containsPattern("(?m)^burner\\s+idle\\s+\\d+m\\s+\\d+Mi\\s*$");
    }

    @Test
    void topPodsFindsThePodAcrossNamespacesAndByLabel() throws InterruptedException {
        String all = topPodsShowingBurner("top", "pods", "-A");
        assertThat(all).containsPattern("(?m)^" + NS + "\\s+burner\\s+[1-9]\\d*m\\s+\\d+Mi\\s*$");

        assertThat(topPodsShowingBurner("top", "pods", "-n", NS, "-l", "app=burner")).containsPattern(BURNER_ROW);
        LocalCluster.Result none = kubectl("top", "pods", "-n", NS, "-l", "app=nothing").assertOk();
        assertThat(none.stdout()).doesNotContain("burner");
        assertThat(none.stderr()).contains("No resources found in " + NS + " namespace.");
    }

    @Test
    void topNodesListsEveryWorkerWithItsUsage() throws InterruptedException {
        String top = Await.until("every worker with its usage", () -> kubectl("top", "nodes").stdout(),
                out -> out.contains("worker-1") && out.contains("worker-2") && !out.contains("<unknown>"), 60);
        assertThat(top).startsWith("NAME").contains("CPU(cores)").contains("MEMORY(bytes)");
        for (int worker = 1; worker <= LocalCluster.WORKERS; worker++) {
            assertThat(top).containsPattern("(?m)^worker-" + worker
                    + "\\s+[1-9]\\d*m\\s+\\d+%\\s+[1-9]\\d*Mi\\s+\\d+%\\s*$");
        }
        String labelled = kubectl("top", "nodes", "-l", "kubernetes.io/hostname=worker-1").assertOk().stdout();
        assertThat(labelled).contains("worker-1").doesNotContain("worker-2");
    }

    @Test
    void kubectlGetPrintsPodMetricsAsATable() throws InterruptedException {
        topPodsShowingBurner("top", "pods", "-n", NS);
        String table = kubectl("get", "podmetrics", "-n", NS).assertOk().stdout();
        assertThat(table).containsPattern("NAME\\s+CPU\\s+MEMORY\\s+WINDOW")
                .containsPattern("(?m)^burner\\s+[1-9]\\d*[num]?\\s+\\d+(Ki|Mi)?\\s+[0-9.hms]+s\\s*$");
    }

    @Test
    void badRequestsGetAKubernetesStatus() throws Exception {
        String api = CLUSTER.masterUrl(1) + "/apis/metrics.k8s.io/";
        Http.Response post = Http.send("POST", api + "v1beta1/namespaces/" + NS + "/pods", "application/json", "{}");
        assertThat(post.code()).isEqualTo(405);
        assertThat(JSON.readTree(post.body()).path("reason").asText()).isEqualTo("MethodNotAllowed");
        Http.Response selector = Http.get(api + "v1beta1/pods?labelSelector=app%20in%20(");
        assertThat(selector.code()).as(selector.body()).isEqualTo(400);
        assertThat(JSON.readTree(selector.body()).path("kind").asText()).isEqualTo("Status");
        assertThat(Http.get(api + "v2/nodes").code()).isEqualTo(404);
        assertThat(Http.get(api + "v1beta1/nodes/no-such-node").code()).isEqualTo(404);
        assertThat(Http.get(api + "v1beta1/nodes?watch=true").code()).isEqualTo(405);
    }

    @Test
    void theApiServesPodMetricsJsonToRawRequestsAndFabric8() throws Exception {
        topPodsShowingBurner("top", "pods", "-n", NS);
        Http.Response raw = Http.get(CLUSTER.masterUrl(1) + "/apis/metrics.k8s.io/v1beta1/namespaces/" + NS
                + "/pods/burner");
        assertThat(raw.code()).as(raw.body()).isEqualTo(200);
        JsonNode metrics = JSON.readTree(raw.body());
        assertThat(metrics.path("kind").asText()).isEqualTo("PodMetrics");
        assertThat(metrics.path("apiVersion").asText()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(metrics.path("metadata").path("name").asText()).isEqualTo("burner");
        assertThat(metrics.path("metadata").path("namespace").asText()).isEqualTo(NS);
        assertThat(metrics.path("metadata").path("labels").path("app").asText()).isEqualTo("burner");
        assertThat(metrics.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(metrics.path("window").asText()).matches("[0-9.hms]+s");
        assertThat(metrics.path("containers").findValuesAsText("name")).containsExactlyInAnyOrder("burn", "idle");
        JsonNode burn = metrics.path("containers").get(0).path("name").asText().equals("burn")
                ? metrics.path("containers").get(0) : metrics.path("containers").get(1);
        assertThat(burn.path("usage").path("cpu").asText()).matches("[1-9][0-9]*[num]?");
        assertThat(burn.path("usage").path("memory").asText()).matches("[1-9][0-9]*(Ki|Mi)?");

        Http.Response missing = Http.get(CLUSTER.masterUrl(2) + "/apis/metrics.k8s.io/v1beta1/namespaces/" + NS
                + "/pods/no-such-pod");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("reason").asText()).isEqualTo("NotFound");
        assertThat(JSON.readTree(missing.body()).path("kind").asText()).isEqualTo("Status");

        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(CLUSTER.masterUrl(3)).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            PodMetrics pod = client.top().pods().metrics(NS, "burner");
            assertThat(pod.getContainers()).hasSize(2);
            Quantity cpu = pod.getContainers().stream().filter(c -> c.getName().equals("burn")).findFirst()
                    .orElseThrow().getUsage().get("cpu");
            assertThat(Quantity.getAmountInBytes(cpu).signum()).isPositive();
            List<NodeMetrics> nodes = client.top().nodes().metrics().getItems();
            assertThat(nodes).extracting(n -> n.getMetadata().getName()).contains("worker-1", "worker-2");
        }
    }
}
