package io.coxswain.bench;

import io.coxswain.it.Await;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pod startup latency: {@code bench.startup.pods} pods (default 100) are created with
 * {@code bench.startup.clients} concurrent clients (default 10) and each one's latency is from
 * its create request to the first watch event showing it Running, on the worker's runtime
 * (process or docker: the cluster is started with {@code --runtime}). The pods do not tolerate the
 * simulated nodes' taint, so they run on the real worker. {@code bench.startup.warmup} pods (default 50) are
 * started and deleted first, unmeasured. They are deleted afterwards, and the
 * benchmark waits until they are gone so that no container outlives it.
 */
final class StartupBenchmark {
    static final String NAMESPACE = "bench-startup";
    private static final int PODS = Integer.getInteger("bench.startup.pods", 100);
    private static final int CLIENTS = Integer.getInteger("bench.startup.clients", 10);
    private static final int WARMUP = Integer.getInteger("bench.startup.warmup", 50);
    private static final int DELETE_SECONDS = 120;

    private StartupBenchmark() {}

    static String manifest() {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"$NAME\",\"labels\":{\"app\":\"startup\"}},"
                + "\"spec\":{\"terminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"main\","
                + "\"image\":\"coxswain/busybox:1\",\"command\":[\"sleep\",\"3600\"]}]}}";
    }

    static void run(KubernetesClient client, PodLoad load, String runtime) throws Exception {
        load.createNamespace(NAMESPACE);
        if (WARMUP > 0) {
            // A fresh cluster's first pods pay for cold JITs and shard start-up: not what a user sees later.
            try (PodWatch warm = new PodWatch(client, NAMESPACE)) {
                load.create(NAMESPACE, "warmup", WARMUP, CLIENTS, i -> manifest());
                warm.awaitRunning(WARMUP, 120);
            }
            deleteAll(load, "warm-up");
        }
        try {
            try (PodWatch watch = new PodWatch(client, NAMESPACE)) {
                TimeUnit.SECONDS.sleep(1);
                long t0 = System.nanoTime();
                Map<String, Long> sent = load.create(NAMESPACE, "start", PODS, CLIENTS, i -> manifest());
                boolean allRunning = watch.awaitRunning(PODS, 600);
                List<Double> latencies = new ArrayList<>();
                watch.running().forEach((name, at) -> latencies.add((at - sent.get(name)) / 1e9));
                long lastRunning = watch.running().values().stream().mapToLong(Long::longValue).max().orElse(t0);
                System.out.printf("%npod startup (%s runtime): %d pods, %d clients%n", runtime, PODS, CLIENTS);
                System.out.printf("  create -> Running (watch): p50 %.2f s, p99 %.2f s, max %.2f s%n",
                        PodLoad.percentile(latencies, 50), PodLoad.percentile(latencies, 99),
                        PodLoad.percentile(latencies, 100));
                System.out.printf("  first create -> all %d Running: %.1f s%s%n", watch.running().size(),
                        SchedulingBenchmark.seconds(t0, lastRunning),
                        allRunning ? "" : " (NOT ALL RUNNING within 600 s)");
            }
        } finally {
            deleteAll(load, "measured");
        }
    }

    private static void deleteAll(PodLoad load, String which) throws Exception {
        Await.Outcome<String> gone = load.deleteAllPods(NAMESPACE, DELETE_SECONDS);
        if (!gone.met()) {
            System.out.println("  warning: " + gone.describe("the " + which + " pods to be gone"));
        }
    }
}
