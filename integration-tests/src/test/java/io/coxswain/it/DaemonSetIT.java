package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DaemonSet runs one pod on every node it may: the three real workers of the test cluster (the
 * simulated nodes are tainted), skipping a tainted node unless it tolerates the taint; a node that
 * leaves loses its pod and one that joins gets one. Through kubectl.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class DaemonSetIT {
    private static final TestNamespace NS = TestNamespace.of(DaemonSetIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final String TAINT = NS.prefixed("dedicated");

    private static String daemonSet(String name, String tolerations) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: %1$s}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      tolerations: %2$s
                      containers:
                        - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """.formatted(name, tolerations);
    }

    /** "node phase" of each pod of {@code app} that is not being deleted, sorted by node. */
    private static List<String> podsByNode(String app) {
        String out = NS.kubectl("get", "pods", "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{'\\n'}{end}")
                .assertOk().stdout();
        return Arrays.stream(out.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> line.split(" ").length == 2).sorted().toList();
    }

    private static String columns(String name) {
        return NS.kubectl("get", "ds", name, "--no-headers", "-o",
                "custom-columns=D:.status.desiredNumberScheduled,C:.status.currentNumberScheduled,"
                        + "R:.status.numberReady,U:.status.updatedNumberScheduled,A:.status.numberAvailable")
                .assertOk().stdout().strip().replaceAll("\\s+", " ");
    }

    @Test
    void onePodOnEveryWorkerButATaintedOneUnlessTolerated() throws InterruptedException {
        CLUSTER.kubectl("taint", "node", "worker-3", TAINT + "=yes:NoSchedule").assertOk();
        try {
            NS.apply(daemonSet("plain", "[]"));
            NS.apply(daemonSet("tolerant", "[{key: " + TAINT + ", operator: Exists, effect: NoSchedule}]"));

            Await.until(() -> podsByNode("plain"), List.of("worker-1 Running", "worker-2 Running"), 90);
            Await.until(() -> podsByNode("tolerant"),
                    List.of("worker-1 Running", "worker-2 Running", "worker-3 Running"), 90);
            Await.until(() -> columns("plain"), "2 2 2 2 2", 30);
            assertThat(NS.kubectl("get", "ds", "tolerant").assertOk().stdout())
                    .containsPattern("tolerant\\s+3\\s+3\\s+3\\s+3\\s+3");
            assertThat(NS.kubectl("rollout", "status", "ds/tolerant", "--timeout=30s").assertOk().stdout())
                    .contains("successfully rolled out");
        } finally {
            CLUSTER.kubectl("taint", "node", "worker-3", TAINT + "=yes:NoSchedule-").assertOk();
        }
        // Untainted, worker-3 is a node the plain set may use: it gets its pod too.
        Await.until(() -> podsByNode("plain"), List.of("worker-1 Running", "worker-2 Running", "worker-3 Running"),
                90);
    }

    @Test
    void aNodeThatLeavesLosesItsPodAndANodeThatJoinsGetsOne() throws InterruptedException {
        NS.apply(daemonSet("follow", "[]"));
        Await.until(() -> podsByNode("follow"),
                List.of("worker-1 Running", "worker-2 Running", "worker-3 Running"), 90);

        CLUSTER.coxswain("kill", "worker-2").assertOk();
        try {
            CLUSTER.kubectl("delete", "node", "worker-2").assertOk();
            Await.until(() -> podsByNode("follow"), List.of("worker-1 Running", "worker-3 Running"), 60);
        } finally {
            CLUSTER.coxswain("start", "worker-2").assertOk();
        }
        Await.until(() -> podsByNode("follow"),
                List.of("worker-1 Running", "worker-2 Running", "worker-3 Running"), 90);
        Await.until(() -> columns("follow"), "3 3 3 3 3", 30);
    }
}
