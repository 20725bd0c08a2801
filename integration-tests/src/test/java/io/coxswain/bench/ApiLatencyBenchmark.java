package io.coxswain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The figures of the control-plane issue, measured on a cluster of its own:
 * <ol>
 *   <li>time from {@code bin/coxswain up} to every master's API answering (/readyz);</li>
 *   <li>p50 and p99 latency of pod create and pod get through the API, with {@code clients}
 *       concurrent clients spread over the three masters.</li>
 * </ol>
 * The pods name a scheduler that does not exist, so what is measured is the API path alone
 * (without it, the scheduler would add a status write and an event per unschedulable pod).
 * Run with {@code bin/coxswain bench api}. It starts its own cluster in target/bench-cluster and
 * stops it (by PID, through {@code bin/coxswain down}) when done.
 */
public final class ApiLatencyBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    private static final int PODS_PER_CLIENT = Integer.getInteger("bench.podsPerClient", 50);
    private static final int WARMUP_PER_CLIENT = Integer.getInteger("bench.warmupPerClient", 10);

    private ApiLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (BenchCluster cluster = new BenchCluster("bench-cluster", 28100)) {
            double upSeconds = cluster.up("--masters", "3", "--workers", "0");
            List<String> masters = cluster.masters();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            measure(http, masters, "warmup", WARMUP_PER_CLIENT);
            Result result = measure(http, masters, "bench", PODS_PER_CLIENT);
            System.out.printf("cluster: 3 masters, Cassandra 5.0.9, %d cores%n", Runtime.getRuntime().availableProcessors());
            System.out.printf("bin/coxswain up -> every API ready: %.1f s%n", upSeconds);
            System.out.printf("pod create: %d requests, %d clients: p50 %.1f ms, p99 %.1f ms, %.0f req/s%n",
                    result.creates.size(), CLIENTS, percentile(result.creates, 50), percentile(result.creates, 99),
                    result.creates.size() / result.createSeconds);
            System.out.printf("pod get:    %d requests, %d clients: p50 %.1f ms, p99 %.1f ms, %.0f req/s%n",
                    result.gets.size(), CLIENTS, percentile(result.gets, 50), percentile(result.gets, 99),
                    result.gets.size() / result.getSeconds);
        }
    }

    private record Result(List<Double> creates, double createSeconds, List<Double> gets, double getSeconds) {}

    private static Result measure(HttpClient http, List<String> masters, String prefix, int perClient)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Double> creates = Collections.synchronizedList(new ArrayList<>());
            List<Double> gets = Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            runClients(pool, client -> {
                String base = masters.get(client % masters.size()) + "/api/v1/namespaces/default/pods";
                for (int i = 0; i < perClient; i++) {
                    String name = prefix + "-" + client + "-" + i;
                    creates.add(timed(http, HttpRequest.newBuilder(URI.create(base))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(pod(name))).build(), 201));
                }
            });
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            runClients(pool, client -> {
                // Each client reads pods written through another master.
                String base = masters.get((client + 1) % masters.size()) + "/api/v1/namespaces/default/pods/";
                for (int i = 0; i < perClient; i++) {
                    gets.add(timed(http, HttpRequest.newBuilder(URI.create(base + prefix + "-" + client + "-" + i))
                            .GET().build(), 200));
                }
            });
            double getSeconds = (System.nanoTime() - t1) / 1e9;
            return new Result(creates, createSeconds, gets, getSeconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface ClientLoop {
        void run(int client) throws Exception;
    }

    private static void runClients(ExecutorService pool, ClientLoop loop) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            futures.add(pool.submit(() -> {
                loop.run(id);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(10, TimeUnit.MINUTES);
        }
    }

    private static double timed(HttpClient http, HttpRequest request, int expected) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t) / 1e6;
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode()
                    + " " + response.body());
        }
        return ms;
    }

    private static String pod(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + "{\"app\":\"bench\"}},\"spec\":{\"schedulerName\":\"none\",\"containers\":[{\"name\":\"main\",\"image\":\"coxswain/busybox:1\","
                + "\"command\":[\"sleep\",\"3600\"]}]}}";
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
