package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every master killed and started again in turn, so every controller lost its master once: each
 * resumes by itself — nobody touches its object — and none creates a pod twice: the pods counted
 * through a watch never exceed the replicas, the pods that ran before still run, and afterwards
 * the controllers act again on a deleted pod and on a scale.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ControllerRestartIT {
    private static final TestNamespace NS = TestNamespace.of(ControllerRestartIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();

    private static String workload(String kind, String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: %1$s
                metadata: {name: %2$s}
                spec:
                  replicas: %3$d
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec:
                      nodeSelector: {coxswain.io/runtime: docker}
                      terminationGracePeriodSeconds: 1
                      containers:
                        - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """.formatted(kind, name, replicas);
    }

    /** kubectl in this class's namespace through master {@code n}. */
    private static LocalCluster.Result kubectlVia(int n, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--context";
        all[1] = "master-" + n;
        all[2] = "-n";
        all[3] = NS.name();
        System.arraycopy(args, 0, all, 4, args.length);
        return CLUSTER.kubectl(all);
    }

    /** The uids of the live pods of {@code app}, sorted. */
    private static List<String> podUids(int master, String app) {
        String out = kubectlVia(master, "get", "pods", "-l", "app=" + app, "-o", "jsonpath={range .items[*]}"
                + "{.metadata.uid} {.status.phase} {.metadata.deletionTimestamp}{'\\n'}{end}").stdout();
        return Arrays.stream(out.split("\n")).map(String::strip).filter(line -> line.endsWith(" Running"))
                .map(line -> line.split(" ")[0]).sorted().toList();
    }

    private static PodCensus census(String app) {
        return PodCensus.of("app=" + app, IntStream.rangeClosed(1, LocalCluster.MASTERS)
                .mapToObj(n -> CLUSTER.masterUrl(n) + NS.apiPath("pods")).toArray(String[]::new));
    }

    @Test
    void everyMasterKilledInTurnAndTheControllersResumeWithoutDuplicates() throws InterruptedException {
        NS.apply(workload("ReplicaSet", "steady", 3));
        NS.apply(workload("Deployment", "rolling", 2));
        List<String> steady = Await.until("3 running pods", () -> podUids(1, "steady"), uids -> uids.size() == 3, 90);
        List<String> rolling = Await.until("2 running pods", () -> podUids(1, "rolling"), uids -> uids.size() == 2,
                90);
        try (PodCensus steadyCensus = census("steady"); PodCensus rollingCensus = census("rolling")) {
            Await.until("the censuses see every pod", () -> steadyCensus.live() == 3 && rollingCensus.live() == 2, 30);
            steadyCensus.startBounds();
            rollingCensus.startBounds();
            for (int master = 1; master <= LocalCluster.MASTERS; master++) {
                int other = master % LocalCluster.MASTERS + 1;
                CLUSTER.coxswain("kill", "master-" + master).assertOk();
                try {
                    // A write through a survivor once the cluster has moved on: the dead master's
                    // shards (and their controllers) now run elsewhere.
                    Await.until("a write through master-" + other, () -> kubectlVia(other, "annotate", "rs", "steady",
                            "--overwrite", "it/killed=master-" + other).exitCode() == 0, 60);
                } finally {
                    CLUSTER.coxswain("start", "master-" + master).assertOk();
                }
                int started = master;
                Await.until("master-" + started + " ready", () -> Http.get(CLUSTER.masterUrl(started) + "/readyz")
                        .code(), code -> code == 200, 120);
            }
            assertThat(podUids(1, "steady")).as("the same pods run").isEqualTo(steady);
            assertThat(podUids(1, "rolling")).as("the same pods run").isEqualTo(rolling);
            assertThat(steadyCensus.maxLive()).as("never a pod beyond the replicas").isEqualTo(3);
            assertThat(rollingCensus.maxLive()).as("never a pod beyond the replicas").isEqualTo(2);
        }

        // Resumed, not merely still there: they act on what happens next.
        NS.kubectl("delete", "pod", "--wait=false", podNames("steady").get(0)).assertOk();
        NS.kubectl("scale", "deployment", "rolling", "--replicas=3").assertOk();
        Await.until("3 running steady pods, one of them new", () -> podUids(1, "steady"),
                uids -> uids.size() == 3 && !uids.equals(steady), 90);
        Await.until("3 running rolling pods", () -> podUids(1, "rolling"), uids -> uids.size() == 3, 90);
    }

    private static List<String> podNames(String app) {
        return Arrays.stream(NS.kubectl("get", "pods", "-l", "app=" + app, "-o",
                "jsonpath={.items[*].metadata.name}").assertOk().stdout().split(" ")).toList();
    }
}
