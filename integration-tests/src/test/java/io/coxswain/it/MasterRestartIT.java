package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Masters killed and started again, each in turn and the first one twice, with a few thousand
 * objects stored and controllers at work:
 * <ul>
 * <li>each restarted master says it is not ready (and why) until its watch cache has caught up,
 *     and once it says ready, every list through it is complete — including writes other masters
 *     took meanwhile (a restarted master used to say ready and then time out every list: the
 *     sequencer had dropped its new cache when the old incarnation at the same address was
 *     removed from the cluster);</li>
 * <li>every controller lost its master at least once and resumed by itself — nobody touches its
 *     object — without creating a pod twice: the pods counted through a watch never exceed the
 *     replicas, the pods that ran before still run, and afterwards the controllers act again.</li>
 * </ul>
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class MasterRestartIT {
    private static final TestNamespace NS = TestNamespace.of(MasterRestartIT.class);
    private static final int OBJECTS = 2000;
    /**
     * Every master, so that every controller loses its master at least once; and one master a
     * second time, the repeated restart after which the old bug showed.
     */
    private static final int[] RESTART_ORDER = {1, 2, 3, 1};
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static volatile int down;

    @BeforeAll
    static void storeObjectsAndStartWorkloads() throws Exception {
        NS.apply(workload("ReplicaSet", "steady", 3));
        NS.apply(workload("Deployment", "rolling", 2));
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String url = CLUSTER.masterUrl(1 + i % LocalCluster.MASTERS) + collection();
                String body = configMap("stored-" + i);
                creates.add(CompletableFuture.supplyAsync(() -> Http.send("POST", url, "application/json", body).code(),
                        writers));
            }
            for (CompletableFuture<Integer> create : creates) {
                assertThat(create.get(120, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    @AfterAll
    static void startTheMasterAgain() {
        // Whatever happened above, every master runs again for the classes after this one.
        if (down != 0) {
            CLUSTER.coxswain("start", "master-" + down);
        }
    }

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

    /** The uids of the running pods of {@code app}, sorted. */
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

    private static String collection() {
        return NS.apiPath("configmaps");
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"k\":\"v\"}}";
    }

    @Test
    void mastersRestartedInTurnServeCompleteListsOnceReadyAndTheControllersResumeWithoutDuplicates()
            throws Exception {
        List<String> steady = Await.until("3 running pods", () -> podUids(1, "steady"), uids -> uids.size() == 3, 90);
        List<String> rolling = Await.until("2 running pods", () -> podUids(1, "rolling"), uids -> uids.size() == 2,
                90);
        List<String> notReadyAnswers = new ArrayList<>();
        try (PodCensus steadyCensus = census("steady"); PodCensus rollingCensus = census("rolling")) {
            Await.until("the censuses see every pod", () -> steadyCensus.live() == 3 && rollingCensus.live() == 2, 30);
            steadyCensus.startBounds();
            rollingCensus.startBounds();
            for (int cycle = 1; cycle <= RESTART_ORDER.length; cycle++) {
                int restarted = RESTART_ORDER[cycle - 1];
                int other = restarted % LocalCluster.MASTERS + 1;
                int third = other % LocalCluster.MASTERS + 1;
                CLUSTER.coxswain("kill", "master-" + restarted).assertOk();
                down = restarted;
                String duringKill = "written-while-down-" + cycle;
                Await.until("cycle " + cycle + ": a create through master-" + other + " while master-" + restarted
                        + " is dead", () -> isStored(createThrough(other, duringKill)), 90);
                // The dead master's shards (and their controllers) now run elsewhere.
                String killedMark = "it/killed=" + cycle;
                Await.until("cycle " + cycle + ": a write to the ReplicaSet through master-" + other, () -> kubectlVia(
                        other, "annotate", "rs", "steady", "--overwrite", killedMark).exitCode() == 0, 60);

                ReadinessProbe probe = new ReadinessProbe(CLUSTER.masterUrl(restarted) + "/readyz?verbose");
                try {
                    CLUSTER.coxswain("start", "master-" + restarted).assertOk();
                    down = 0;
                } finally {
                    probe.stop();
                }
                for (String answer : probe.notReady()) {
                    assertThat(answer).as("cycle %d: a not-ready /readyz?verbose names the failed check and why",
                            cycle).containsPattern("\\[-\\][a-z-]+ failed: \\S+").endsWith("readyz check failed\n");
                }
                notReadyAnswers.addAll(probe.notReady());

                String afterStart = "written-after-start-" + cycle;
                assertThat(createThrough(third, afterStart)).isEqualTo(201);
                String listed = NS.kubectl("--context", "master-" + restarted, "--request-timeout=30s",
                        "get", "configmaps", "-o", "name").assertOk().stdout();
                List<String> names = listed.lines().toList();
                assertThat(names).as("cycle %d: the list through the restarted master-%d", cycle, restarted)
                        .contains("configmap/" + duringKill, "configmap/" + afterStart, "configmap/stored-0",
                                "configmap/stored-" + (OBJECTS - 1))
                        .hasSizeGreaterThanOrEqualTo(OBJECTS + 2 * cycle);
                // Its own writes are in its own lists at once too.
                String own = "written-through-restarted-" + cycle;
                assertThat(createThrough(restarted, own)).isEqualTo(201);
                assertThat(NS.kubectl("--context", "master-" + restarted, "--request-timeout=30s",
                        "get", "configmaps", "--field-selector", "metadata.name=" + own, "-o", "name")
                        .assertOk().stdout().trim()).isEqualTo("configmap/" + own);
            }
            assertThat(podUids(1, "steady")).as("the same pods run").isEqualTo(steady);
            assertThat(podUids(1, "rolling")).as("the same pods run").isEqualTo(rolling);
            assertThat(steadyCensus.maxLive()).as("never a pod beyond the replicas").isEqualTo(3);
            assertThat(rollingCensus.maxLive()).as("never a pod beyond the replicas").isEqualTo(2);
        }
        assertThat(notReadyAnswers).as("while loading %d objects a restarted master said so at least once", OBJECTS)
                .anyMatch(answer -> answer.contains("[-]watch-cache failed: "));

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

    /** 201, or 409 when an earlier attempt that timed out had stored it after all. */
    private static boolean isStored(int createCode) {
        return createCode == 201 || createCode == 409;
    }

    private static int createThrough(int master, String name) {
        return Http.send("POST", CLUSTER.masterUrl(master) + collection(), "application/json", configMap(name)).code();
    }

    /** Asks /readyz?verbose every 100 ms while a master starts, keeping the answers that were not 200. */
    private static final class ReadinessProbe {
        private final List<String> notReady = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ReadinessProbe(String url) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        Http.Response answer = Http.get(url);
                        if (answer.code() != 200) {
                            notReady.add(answer.body());
                        }
                    } catch (IllegalStateException notListeningYet) {
                        // connection refused while the JVM starts: nothing to record
                    }
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "readiness-probe");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(40));
        }

        List<String> notReady() {
            return List.copyOf(notReady);
        }
    }
}
