package io.coxswain.bench;

import io.coxswain.it.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Creates many pods through the API with a few concurrent clients spread over the masters, as users would. */
final class PodLoad {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> masters;

    PodLoad(List<String> masters) {
        this.masters = masters;
    }

    /**
     * Creates {@code count} pods named {@code prefix-N} in {@code namespace} with {@code clients}
     * concurrent clients; returns when each create request was sent ({@link System#nanoTime()}), by pod name.
     */
    Map<String, Long> create(String namespace, String prefix, int count, int clients, IntFunction<String> manifest)
            throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String base = masters.get(c % masters.size()) + "/api/v1/namespaces/" + namespace + "/pods";
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String name = prefix + "-" + i;
                        sent.put(name, System.nanoTime());
                        post(base, manifest.apply(i).replace("$NAME", name), 201);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return sent;
    }

    /** Applies one merge patch to each node, with {@code clients} concurrent clients. */
    void patchNodes(List<String> nodes, String mergePatch, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String base = masters.get(c % masters.size()) + "/api/v1/nodes/";
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < nodes.size(); i = next.getAndIncrement()) {
                        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + nodes.get(i)))
                                .header("Content-Type", "application/merge-patch+json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(mergePatch)).build());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("PATCH node " + nodes.get(i) + " -> "
                                    + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void createNamespace(String name) throws Exception {
        post(masters.get(0) + "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                + "\"metadata\":{\"name\":\"" + name + "\"}}", 201);
    }

    /**
     * Deletes every pod of the namespace (a one-second grace, so that each node agent stops the pod's containers and
     * then removes it: none is left running on the host once the list is empty) and waits until none is left, up
     * to {@code seconds}; a list that fails on the way is only "not yet".
     */
    Await.Outcome<String> deleteAllPods(String namespace, int seconds) throws Exception {
        String pods = masters.get(0) + "/api/v1/namespaces/" + namespace + "/pods";
        send(HttpRequest.newBuilder(URI.create(pods + "?gracePeriodSeconds=1")).DELETE().build());
        return Await.poll(() -> get(pods + "?limit=1"), list -> list.replace(" ", "").contains("\"items\":[]"),
                seconds);
    }

    /** The body of a GET that must answer 200. */
    private String get(String url) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void post(String url, String body, int expected) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
