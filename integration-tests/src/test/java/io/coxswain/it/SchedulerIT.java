package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler singleton against Node objects made through the API (no worker processes yet):
 * pods are bound where they fit, and the ones that fit nowhere say why, as Kubernetes says it.
 */
@ExtendWith(LocalCluster.class)
class SchedulerIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();

    private static LocalCluster.Result kubectl(String... args) {
        return CLUSTER.kubectl(args);
    }

    private static void readyNode(String name, String cpu, String labels) {
        CLUSTER.kubectlWithInput("apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels: {"
                + "kubernetes.io/hostname: " + name + ", suite: scheduler" + labels + "}\n", "create", "-f", "-")
                .assertOk();
        String status = "{\"status\":{\"capacity\":{\"cpu\":\"" + cpu + "\",\"memory\":\"4Gi\",\"pods\":\"110\"},"
                + "\"allocatable\":{\"cpu\":\"" + cpu + "\",\"memory\":\"4Gi\",\"pods\":\"110\"},"
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\","
                + "\"message\":\"kubelet is posting ready status\"}]}}";
        kubectl("patch", "node", name, "--subresource=status", "--type=merge", "-p", status).assertOk();
    }

    private static void pod(String name, String cpu, String extraSpec) {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {suite: scheduler}
                spec:
                %s  containers:
                    - name: main
                      image: coxswain/busybox:1
                      command: ["sleep", "3600"]
                      resources:
                        requests: {cpu: "%s"}
                """.formatted(name, extraSpec, cpu);
        CLUSTER.kubectlWithInput(manifest, "create", "-f", "-").assertOk();
    }

    private static String jsonpath(String pod, String path) {
        return kubectl("get", "pod", pod, "-o", "jsonpath=" + path).assertOk().stdout();
    }


    private static String schedulingMessage(String pod) {
        return jsonpath(pod, "{.status.conditions[?(@.type==\"PodScheduled\")].message}");
    }

    private static int nodeCount() {
        return (int) kubectl("get", "nodes", "-o", "name").assertOk().stdout().lines().count();
    }

    /**
     * Kubernetes' message for a pod too big for every node: the simulated nodes reject it first for their taint,
     * every other node for its cpu; entries sorted as plain strings, as kube-scheduler sorts them.
     */
    private static String tooBigMessage() {
        int all = nodeCount();
        int simulated = (int) kubectl("get", "nodes", "-l", "coxswain.io/simulated=true", "-o", "name").assertOk()
                .stdout().lines().count();
        java.util.List<String> entries = new java.util.ArrayList<>();
        entries.add((all - simulated) + " Insufficient cpu");
        if (simulated > 0) {
            entries.add(simulated + " node(s) had untolerated taint {coxswain.io/simulated: true}");
        }
        java.util.Collections.sort(entries);
        return "0/" + all + " nodes are available: " + String.join(", ", entries) + ".";
    }

    @BeforeAll
    static void twoSmallNodes() {
        readyNode("small-1", "1", ", disk: hdd");
        readyNode("small-2", "1", ", disk: hdd");
    }

    @AfterAll
    static void cleanUp() {
        kubectl("delete", "pods", "-l", "suite=scheduler", "--force", "--grace-period=0");
        kubectl("delete", "nodes", "-l", "suite=scheduler");
    }

    @Test
    void aPodThatFitsIsBoundAndTheEventSaysWhere() throws InterruptedException {
        pod("fits", "500m", "");
        String node = Await.until(() -> jsonpath("fits", "{.spec.nodeName}").isEmpty() ? ""
                : "bound", "bound", 30).equals("bound") ? jsonpath("fits", "{.spec.nodeName}") : "";
        assertThat(node).isNotEmpty();
        assertThat(jsonpath("fits", "{.status.conditions[?(@.type==\"PodScheduled\")].status}")).isEqualTo("True");
        assertThat(Await.until(() -> kubectl("describe", "pod", "fits").stdout().contains(
                "Successfully assigned default/fits to " + node) ? "seen" : "", "seen", 30)).isEqualTo("seen");
    }

    @Test
    void aPodTooBigForEveryNodeStaysPendingWithTheReasonUntilABigNodeJoins() throws InterruptedException {
        pod("too-big", "4", "");
        String expected = tooBigMessage();
        assertThat(Await.until(() -> schedulingMessage("too-big"), expected, 30)).isEqualTo(expected);
        assertThat(kubectl("get", "pod", "too-big").assertOk().stdout()).containsPattern("too-big\\s+0/1\\s+Pending");
        assertThat(kubectl("describe", "pod", "too-big").assertOk().stdout()).contains("FailedScheduling")
                .contains("Insufficient cpu");

        readyNode("big-1", "8", ", disk: ssd");
        try {
            assertThat(Await.until(() -> jsonpath("too-big", "{.spec.nodeName}"), "big-1", 30)).isEqualTo("big-1");
        } finally {
            kubectl("delete", "pod", "too-big", "--force", "--grace-period=0");
            kubectl("delete", "node", "big-1").assertOk();
        }
    }

    @Test
    void nodeSelectorAndTaintsDecideWhereAPodMayGo() throws InterruptedException {
        readyNode("gpu-1", "2", ", accelerator: gpu");
        try {
            taintedNodeTakesOnlyTolerantPods();
        } finally {
            kubectl("delete", "pod", "needs-gpu", "tolerates-gpu", "--force", "--grace-period=0");
            kubectl("delete", "node", "gpu-1").assertOk();
        }
    }

    private void taintedNodeTakesOnlyTolerantPods() throws InterruptedException {
        kubectl("taint", "node", "gpu-1", "dedicated=gpu:NoSchedule").assertOk();

        pod("needs-gpu", "100m", "  nodeSelector: {accelerator: gpu}\n");
        assertThat(Await.until(() -> schedulingMessage("needs-gpu").contains("untolerated taint {dedicated: gpu}")
                ? "explained" : schedulingMessage("needs-gpu"), "explained", 30)).isEqualTo("explained");
        assertThat(schedulingMessage("needs-gpu")).contains("didn't match Pod's node affinity/selector");

        pod("tolerates-gpu", "100m", "  nodeSelector: {accelerator: gpu}\n  tolerations: [{key: dedicated, "
                + "operator: Equal, value: gpu, effect: NoSchedule}]\n");
        assertThat(Await.until(() -> jsonpath("tolerates-gpu", "{.spec.nodeName}"), "gpu-1", 30)).isEqualTo("gpu-1");
        assertThat(jsonpath("needs-gpu", "{.spec.nodeName}")).isEmpty();
    }

    @Test
    void aNodeNameSetByTheUserOrABindingBypassesTheScheduler() throws InterruptedException {
        pod("pinned", "100m", "  nodeName: small-2\n");
        assertThat(jsonpath("pinned", "{.spec.nodeName}")).isEqualTo("small-2");

        pod("other-scheduler", "100m", "  schedulerName: my-scheduler\n");
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"other-scheduler\"},"
                + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"small-1\"}}";
        Http.Response bound = Http.send("POST", CLUSTER.masterUrl(1)
                + "/api/v1/namespaces/default/pods/other-scheduler/binding", "application/json", binding);
        assertThat(bound.code()).isEqualTo(201);
        assertThat(jsonpath("other-scheduler", "{.spec.nodeName}")).isEqualTo("small-1");
        Http.Response again = Http.send("POST", CLUSTER.masterUrl(2)
                + "/api/v1/namespaces/default/pods/other-scheduler/binding", "application/json", binding);
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body()).contains("is already assigned to node");
    }

    @Test
    void nodeAffinityAndPodAntiAffinityChooseTheNode() throws InterruptedException {
        readyNode("zone-a-1", "2", ", zone: a");
        readyNode("zone-b-1", "2", ", zone: b");
        try {
            String requiredZoneB = """
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                              - matchExpressions: [{key: zone, operator: In, values: [b]}]
                    """;
            pod("wants-zone-b", "100m", requiredZoneB);
            assertThat(Await.until(() -> jsonpath("wants-zone-b", "{.spec.nodeName}"), "zone-b-1", 30))
                    .isEqualTo("zone-b-1");

            // Two replicas that refuse to share a host, both limited to the zoned nodes: one per node.
            String spreadApart = """
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                              - matchExpressions: [{key: zone, operator: Exists}]
                        podAntiAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            - labelSelector: {matchLabels: {app: apart}}
                              topologyKey: kubernetes.io/hostname
                    """;
            podWithLabel("apart-1", "apart", spreadApart);
            podWithLabel("apart-2", "apart", spreadApart);
            String first = Await.until(() -> jsonpath("apart-1", "{.spec.nodeName}").isEmpty() ? "" : "bound",
                    "bound", 30).equals("bound") ? jsonpath("apart-1", "{.spec.nodeName}") : "";
            String second = Await.until(() -> jsonpath("apart-2", "{.spec.nodeName}").isEmpty() ? "" : "bound",
                    "bound", 30).equals("bound") ? jsonpath("apart-2", "{.spec.nodeName}") : "";
            assertThat(List.of(first, second)).containsExactlyInAnyOrder("zone-a-1", "zone-b-1");

            podWithLabel("apart-3", "apart", spreadApart);
            String expected = "didn't match pod anti-affinity rules";
            assertThat(Await.until(() -> schedulingMessage("apart-3").contains(expected) ? "explained"
                    : schedulingMessage("apart-3"), "explained", 30)).isEqualTo("explained");
        } finally {
            kubectl("delete", "pod", "wants-zone-b", "apart-1", "apart-2", "apart-3", "--force", "--grace-period=0");
            kubectl("delete", "node", "zone-a-1", "zone-b-1").assertOk();
        }
    }

    private static void podWithLabel(String name, String app, String extraSpec) {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {suite: scheduler, app: %s}
                spec:
                %s  containers:
                    - name: main
                      image: coxswain/busybox:1
                      command: ["sleep", "3600"]
                """.formatted(name, app, extraSpec);
        CLUSTER.kubectlWithInput(manifest, "create", "-f", "-").assertOk();
    }
}
