package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One worker JVM (the cluster's last worker, started by {@code bin/coxswain up --simulated-nodes})
 * registers {@link LocalCluster#SIMULATED_NODES} virtual nodes; a batch of pods that tolerates their
 * taint and selects them is spread over many of them and reaches Running, while pods that do not
 * tolerate the taint never land there.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class SimulatedNodesIT {
    private static final TestNamespace NS = TestNamespace.of(SimulatedNodesIT.class);
    private static final String TAINT_REASON = "node(s) had untolerated taint {coxswain.io/simulated: true}";
    private static final int PODS = 200;

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static long readySimulatedNodes() {
        return kubectl("get", "nodes", "-l", "coxswain.io/simulated=true", "-o",
                "jsonpath={range .items[*]}{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}")
                .stdout().lines().filter("True"::equals).count();
    }

    /** Forced, so that the 200 pods need no graceful stop by their agent when the namespace goes. */
    @AfterAll
    static void cleanUp() {
        kubectl("delete", "pods", "-l", "suite=simulated", "--force", "--grace-period=0", "--wait=false");
    }

    @Test
    void oneWorkerRegistersItsSimulatedNodesLabelledTaintedAndReady() throws InterruptedException {
        awaitEverySimulatedNodeReady();
        String first = LocalCluster.SIMULATED_WORKER + "-sim-000";
        String description = kubectl("describe", "node", first).assertOk().stdout();
        assertThat(description).containsPattern("Name:\\s+" + first)
                .contains("coxswain.io/simulated=true")
                .containsPattern("Taints:\\s+coxswain.io/simulated=true:NoSchedule")
                .containsPattern("Container Runtime Version:\\s+simulated://coxswain")
                .containsPattern("Ready\\s+True");
        assertThat(kubectl("get", "node", LocalCluster.SIMULATED_WORKER).exitCode())
                .as("the JVM of the simulated nodes registers no node of its own").isNotZero();
    }

    @Test
    void aBatchOfTolerantPodsIsSpreadOverManySimulatedNodesAndRuns() throws InterruptedException {
        awaitEverySimulatedNodeReady();
        StringBuilder manifests = new StringBuilder();
        for (int i = 0; i < PODS; i++) {
            manifests.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: sim-%d, labels: {suite: simulated}}
                    spec:
                      nodeSelector: {coxswain.io/simulated: "true"}
                      tolerations: [{key: coxswain.io/simulated, operator: Exists, effect: NoSchedule}]
                      containers:
                        - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"],
                           resources: {requests: {cpu: 100m, memory: 64Mi}}}
                    """.formatted(i));
        }
        NS.kubectlWithInput(manifests.toString(), "create", "-f", "-").assertOk();

        Await.until("every pod Running (pods by phase)", SimulatedNodesIT::phases,
                phases -> phases.getOrDefault("Running", 0L) == PODS, 180);
        Map<String, Long> perNode = kubectl("get", "pods", "-l", "suite=simulated", "-o",
                "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}").assertOk().stdout().lines()
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
        assertThat(perNode.keySet()).allMatch(node -> node.startsWith(LocalCluster.SIMULATED_WORKER + "-sim-"));
        assertThat(perNode.size()).as("nodes used: %s", perNode).isGreaterThanOrEqualTo(LocalCluster.SIMULATED_NODES / 2);
        assertThat(kubectl("get", "pod", "sim-0", "-o", "jsonpath={.status.podIP}").assertOk().stdout())
                .startsWith("10.");
    }

    @Test
    void aPodThatDoesNotTolerateTheTaintStaysOffSimulatedNodes() throws InterruptedException {
        NS.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: sim-intolerant, labels: {suite: simulated}}
                spec:
                  nodeSelector: {coxswain.io/simulated: "true"}
                  containers:
                    - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """);
        Await.until("the taint in the scheduling message", () -> kubectl("get", "pod", "sim-intolerant", "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}").stdout(),
                message -> message.contains(TAINT_REASON), 30);
        assertThat(kubectl("get", "pod", "sim-intolerant", "-o", "jsonpath={.spec.nodeName}").stdout()).isEmpty();
        assertThat(kubectl("get", "pod", "sim-intolerant", "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}").stdout())
                .contains(LocalCluster.SIMULATED_NODES + " " + TAINT_REASON);
    }

    private static void awaitEverySimulatedNodeReady() throws InterruptedException {
        Await.until(LocalCluster.SIMULATED_NODES + " Ready simulated nodes", SimulatedNodesIT::readySimulatedNodes,
                ready -> ready == LocalCluster.SIMULATED_NODES, 120);
    }

    private static Map<String, Long> phases() {
        return kubectl("get", "pods", "-l", "suite=simulated", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.phase}{\"\\n\"}{end}").stdout().lines()
                .filter(line -> line.startsWith("sim-") && !line.startsWith("sim-intolerant"))
                .map(line -> line.substring(line.indexOf(' ') + 1))
                .collect(Collectors.groupingBy(p -> p.isEmpty() ? "None" : p, TreeMap::new, Collectors.counting()));
    }
}
