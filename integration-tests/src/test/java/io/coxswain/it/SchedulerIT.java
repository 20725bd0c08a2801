package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler singleton against Node objects made through the API (no worker processes behind them):
 * pods are bound where they fit, and the ones that fit nowhere say why, as Kubernetes says it. The nodes
 * are named after the class ({@link TestNamespace#prefixed}) and deleted by it.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class SchedulerIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final TestNamespace NS = TestNamespace.of(SchedulerIT.class);
    private static final String SMALL_1 = NS.prefixed("small-1");
    private static final String SMALL_2 = NS.prefixed("small-2");

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static void readyNode(String name, String cpu, String labels) {
        NS.kubectlWithInput("apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels: {"
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
        NS.kubectlWithInput(manifest, "create", "-f", "-").assertOk();
    }

    private static String jsonpath(String pod, String path) {
        return kubectl("get", "pod", pod, "-o", "jsonpath=" + path).assertOk().stdout();
    }

    private static String awaitBound(String pod) throws InterruptedException {
        return Await.until(pod + " bound", () -> jsonpath(pod, "{.spec.nodeName}"), node -> !node.isEmpty(), 30);
    }

    /** Waits until the pod's PodScheduled message contains {@code reason}; returns the message. */
    private static String awaitUnschedulable(String pod, String reason) throws InterruptedException {
        return Await.until("a scheduling message with " + reason, () -> schedulingMessage(pod),
                message -> message.contains(reason), 30);
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
        readyNode(SMALL_1, "1", ", disk: hdd");
        readyNode(SMALL_2, "1", ", disk: hdd");
    }

    /** Pods bound to nodes without an agent never end by themselves; nodes have no namespace to go with. */
    @AfterAll
    static void cleanUp() {
        kubectl("delete", "pods", "-l", "suite=scheduler", "--force", "--grace-period=0");
        kubectl("delete", "nodes", "-l", "suite=scheduler");
    }

    @Test
    void aPodThatFitsIsBoundAndTheEventSaysWhere() throws InterruptedException {
        pod("fits", "500m", "");
        String node = awaitBound("fits");
        assertThat(jsonpath("fits", "{.status.conditions[?(@.type==\"PodScheduled\")].status}")).isEqualTo("True");
        Await.until("the Scheduled event", () -> kubectl("describe", "pod", "fits").stdout().contains(
                "Successfully assigned " + NS.name() + "/fits to " + node), 30);
    }

    @Test
    void aPodTooBigForEveryNodeStaysPendingWithTheReasonUntilABigNodeJoins() throws InterruptedException {
        pod("too-big", "4", "");
        String expected = tooBigMessage();
        Await.until(() -> schedulingMessage("too-big"), expected, 30);
        assertThat(kubectl("get", "pod", "too-big").assertOk().stdout()).containsPattern("too-big\\s+0/1\\s+Pending");
        assertThat(kubectl("describe", "pod", "too-big").assertOk().stdout()).contains("FailedScheduling")
                .contains("Insufficient cpu");

        String big = NS.prefixed("big-1");
        readyNode(big, "8", ", disk: ssd");
        try {
            Await.until(() -> jsonpath("too-big", "{.spec.nodeName}"), big, 30);
        } finally {
            kubectl("delete", "pod", "too-big", "--force", "--grace-period=0");
            kubectl("delete", "node", big).assertOk();
        }
    }

    @Test
    void nodeSelectorAndTaintsDecideWhereAPodMayGo() throws InterruptedException {
        String gpu = NS.prefixed("gpu-1");
        readyNode(gpu, "2", ", accelerator: gpu");
        try {
            taintedNodeTakesOnlyTolerantPods(gpu);
        } finally {
            kubectl("delete", "pod", "needs-gpu", "tolerates-gpu", "--force", "--grace-period=0");
            kubectl("delete", "node", gpu).assertOk();
        }
    }

    private void taintedNodeTakesOnlyTolerantPods(String gpu) throws InterruptedException {
        kubectl("taint", "node", gpu, "dedicated=gpu:NoSchedule").assertOk();

        pod("needs-gpu", "100m", "  nodeSelector: {accelerator: gpu}\n");
        assertThat(awaitUnschedulable("needs-gpu", "untolerated taint {dedicated: gpu}"))
                .contains("didn't match Pod's node affinity/selector");

        pod("tolerates-gpu", "100m", "  nodeSelector: {accelerator: gpu}\n  tolerations: [{key: dedicated, "
                + "operator: Equal, value: gpu, effect: NoSchedule}]\n");
        Await.until(() -> jsonpath("tolerates-gpu", "{.spec.nodeName}"), gpu, 30);
        assertThat(jsonpath("needs-gpu", "{.spec.nodeName}")).isEmpty();
    }

    @Test
    void aNodeNameSetByTheUserOrABindingBypassesTheScheduler() throws InterruptedException {
        pod("pinned", "100m", "  nodeName: " + SMALL_2 + "\n");
        assertThat(jsonpath("pinned", "{.spec.nodeName}")).isEqualTo(SMALL_2);

        pod("other-scheduler", "100m", "  schedulerName: my-scheduler\n");
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"other-scheduler\"},"
                + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + SMALL_1 + "\"}}";
        String bindingPath = NS.apiPath("pods/other-scheduler/binding");
        Http.Response bound = Http.send("POST", CLUSTER.masterUrl(1) + bindingPath, "application/json", binding);
        assertThat(bound.code()).isEqualTo(201);
        assertThat(jsonpath("other-scheduler", "{.spec.nodeName}")).isEqualTo(SMALL_1);
        Http.Response again = Http.send("POST", CLUSTER.masterUrl(2) + bindingPath, "application/json", binding);
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body()).contains("is already assigned to node");
    }

    @Test
    void nodeAffinityAndPodAntiAffinityChooseTheNode() throws InterruptedException {
        String zoneA = NS.prefixed("zone-a-1");
        String zoneB = NS.prefixed("zone-b-1");
        readyNode(zoneA, "2", ", zone: a");
        readyNode(zoneB, "2", ", zone: b");
        try {
            String requiredZoneB = """
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                              - matchExpressions: [{key: zone, operator: In, values: [b]}]
                    """;
            pod("wants-zone-b", "100m", requiredZoneB);
            Await.until(() -> jsonpath("wants-zone-b", "{.spec.nodeName}"), zoneB, 30);

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
            assertThat(List.of(awaitBound("apart-1"), awaitBound("apart-2"))).containsExactlyInAnyOrder(zoneA, zoneB);

            podWithLabel("apart-3", "apart", spreadApart);
            awaitUnschedulable("apart-3", "didn't match pod anti-affinity rules");
        } finally {
            kubectl("delete", "pod", "wants-zone-b", "apart-1", "apart-2", "apart-3", "--force", "--grace-period=0");
            kubectl("delete", "node", zoneA, zoneB).assertOk();
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
        NS.kubectlWithInput(manifest, "create", "-f", "-").assertOk();
    }
}
