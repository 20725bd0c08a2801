package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A master killed and started again, several times over, with a few thousand objects stored:
 * each time it says it is not ready (and why) until its watch cache has caught up, and once it
 * says ready, every list through it is complete — including writes other masters took meanwhile.
 * (A restarted master used to say ready and then time out every list: the sequencer had dropped
 * its new cache when the old incarnation at the same address was removed from the cluster.)
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class MasterRestartIT {
    private static final TestNamespace NS = TestNamespace.of(MasterRestartIT.class);
    private static final int OBJECTS = 2000;
    private static final int RESTARTS = 3;
    private static final String RESTARTED = "master-1";
    private static final LocalCluster CLUSTER = LocalCluster.get();

    @BeforeAll
    static void storeObjects() throws Exception {
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
        CLUSTER.coxswain("start", RESTARTED);
    }

    private static String collection() {
        return NS.apiPath("configmaps");
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"k\":\"v\"}}";
    }

    @Test
    void aMasterRestartedAgainAndAgainIsNotReadyUntilItsCacheCaughtUpThenListsEverything() throws Exception {
        List<String> notReadyAnswers = new ArrayList<>();
        for (int cycle = 1; cycle <= RESTARTS; cycle++) {
            CLUSTER.coxswain("kill", RESTARTED).assertOk();
            String duringKill = "written-while-down-" + cycle;
            Await.until("cycle " + cycle + ": a create through master-2 while " + RESTARTED + " is dead",
                    () -> isStored(createThrough(2, duringKill)), 90);

            ReadinessProbe probe = new ReadinessProbe(CLUSTER.masterUrl(1) + "/readyz?verbose");
            try {
                CLUSTER.coxswain("start", RESTARTED).assertOk();
            } finally {
                probe.stop();
            }
            for (String answer : probe.notReady()) {
                assertThat(answer).as("cycle %d: a not-ready /readyz?verbose names the failed check and why", cycle)
                        .containsPattern("\\[-\\][a-z-]+ failed: \\S+").endsWith("readyz check failed\n");
            }
            notReadyAnswers.addAll(probe.notReady());

            String afterStart = "written-after-start-" + cycle;
            assertThat(createThrough(3, afterStart)).isEqualTo(201);
            String listed = NS.kubectl("--context", RESTARTED, "--request-timeout=30s",
                    "get", "configmaps", "-o", "name").assertOk().stdout();
            List<String> names = listed.lines().toList();
            assertThat(names).as("cycle %d: the list through the restarted master", cycle)
                    .contains("configmap/" + duringKill, "configmap/" + afterStart, "configmap/stored-0",
                            "configmap/stored-" + (OBJECTS - 1))
                    .hasSizeGreaterThanOrEqualTo(OBJECTS + 2 * cycle);
            // Its own writes are in its own lists at once too.
            String own = "written-through-restarted-" + cycle;
            assertThat(createThrough(1, own)).isEqualTo(201);
            assertThat(NS.kubectl("--context", RESTARTED, "--request-timeout=30s",
                    "get", "configmaps", "--field-selector", "metadata.name=" + own, "-o", "name")
                    .assertOk().stdout().trim()).isEqualTo("configmap/" + own);
        }
        assertThat(notReadyAnswers).as("while loading %d objects a restarted master said so at least once", OBJECTS)
                .anyMatch(answer -> answer.contains("[-]watch-cache failed: "));
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
