package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker processes register their Nodes and keep them Ready; a worker that dies is noticed after
 * the (test-shortened) grace period, its Node tainted, and its pods evicted when their toleration
 * runs out; started again, it is Ready again.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class NodeIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final TestNamespace NS = TestNamespace.of(NodeIT.class);

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }


    private static String ready(String node) {
        return kubectl("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                .stdout();
    }

    @Test
    void workersRegisterReadyNodesWithTheirCapacity() {
        assertThat(kubectl("get", "nodes").assertOk().stdout())
                .containsPattern("worker-1\\s+Ready\\s+<none>\\s+\\S+\\s+v1.32.0-coxswain")
                .containsPattern("worker-2\\s+Ready\\s+<none>\\s+\\S+\\s+v1.32.0-coxswain")
                .containsPattern(LocalCluster.PROCESS_NODE + "\\s+Ready\\s+<none>\\s+\\S+\\s+v1.32.0-coxswain");
        String description = kubectl("describe", "node", "worker-1").assertOk().stdout();
        assertThat(description).containsPattern("Name:\\s+worker-1")
                .containsPattern("kubernetes.io/hostname=worker-1")
                .contains("Capacity:").containsPattern("cpu:\\s+\\d+").contains("Allocatable:")
                .containsPattern("Ready\\s+True\\s+.*KubeletReady")
                .containsPattern("Container Runtime Version:\\s+docker://coxswain")
                .contains(LocalCluster.RUNTIME_LABEL + "=docker");
        assertThat(kubectl("describe", "node", LocalCluster.PROCESS_NODE).assertOk().stdout())
                .containsPattern("Container Runtime Version:\\s+process://coxswain")
                .contains(LocalCluster.RUNTIME_LABEL + "=process");
    }

    @Test
    void describeNodeShowsThePodsItRunsAndWhatTheyRequest() throws InterruptedException {
        NS.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: allocated}
                spec:
                  nodeSelector: {kubernetes.io/hostname: worker-2}
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: main
                      image: coxswain/busybox:1
                      command: ["sleep", "3600"]
                      resources: {requests: {cpu: 250m, memory: 64Mi}}
                """);
        try {
            Await.until(() -> kubectl("get", "pod", "allocated", "-o", "jsonpath={.status.phase}").stdout(),
                    "Running", 60);
            String description = kubectl("describe", "node", "worker-2").assertOk().stdout();
            assertThat(description).containsPattern("Non-terminated Pods:\\s+\\(\\d+ in total\\)")
                    .containsPattern(NS.name() + "\\s+allocated\\s+250m")
                    .contains("Allocated resources:")
                    .containsPattern("cpu\\s+\\d+m \\(\\d+%\\)")
                    .containsPattern("memory\\s+\\d+Mi \\(\\d+%\\)");
        } finally {
            kubectl("delete", "pod", "allocated").assertOk();
        }
    }

    @Test
    void aKilledWorkerGoesNotReadyItsPodsAreEvictedAndItComesBack() throws InterruptedException {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: on-worker-1}
                spec:
                  nodeName: worker-1
                  tolerations:
                    - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                  containers:
                    - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """;
        NS.kubectlWithInput(pod, "create", "-f", "-").assertOk();
        CLUSTER.coxswain("kill", "worker-1").assertOk();
        try {
            Await.until(() -> ready("worker-1"), "Unknown", LocalCluster.NODE_GRACE_SECONDS + 20);
            assertThat(kubectl("get", "nodes").stdout()).containsPattern("worker-1\\s+NotReady");
            Await.until(() -> kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.taints[*].key}").stdout(),
                    "node.kubernetes.io/unreachable node.kubernetes.io/unreachable", 20);
            Await.until("the pod evicted", () -> kubectl("get", "pod", "on-worker-1").stderr().contains("not found"),
                    30);
            assertThat(kubectl("get", "events", "--field-selector", "reason=TaintManagerEviction").stdout())
                    .contains("on-worker-1");
        } finally {
            CLUSTER.coxswain("start", "worker-1").assertOk();
        }
        Await.until(() -> ready("worker-1"), "True", 60);
        Await.until(() -> kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.taints}").stdout(), "", 20);
    }
}
