package io.coxswain.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts a workload's pods after every change a watch reports: how many are live (not finished,
 * not being deleted) and how many of those are ready, keeping the most live and the fewest ready
 * seen since {@link #startBounds()}. When its watch ends (a master's cache starting over closes its
 * watches) it lists and watches again, through the other masters in turn, so no stretch goes
 * uncounted for long.
 */
final class PodCensus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String[] collectionUrls;
    private final String selector;
    private final Map<String, JsonNode> pods = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CompletableFuture<?> current;
    private int attempt;
    private boolean counting;
    private int maxLive = -1;
    private int minReady = Integer.MAX_VALUE;

    private PodCensus(String[] collectionUrls, String labelSelector) {
        this.collectionUrls = collectionUrls;
        this.selector = "labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    }

    /** Watches the pods matching {@code labelSelector} at each of {@code collectionUrls} (one master each) in turn. */
    static PodCensus of(String labelSelector, String... collectionUrls) {
        PodCensus census = new PodCensus(collectionUrls, labelSelector);
        census.listAndWatch();
        return census;
    }

    /** From now on, keep the bounds (the most live pods, the fewest ready ones). */
    synchronized void startBounds() {
        counting = true;
        maxLive = live();
        minReady = ready();
    }

    synchronized int maxLive() {
        return maxLive;
    }

    synchronized int minReady() {
        return minReady;
    }

    synchronized int live() {
        return (int) pods.values().stream().filter(PodCensus::isLive).count();
    }

    synchronized int ready() {
        return (int) pods.values().stream().filter(pod -> isLive(pod) && isReady(pod)).count();
    }

    private void listAndWatch() {
        while (!closed.get()) {
            String url = collectionUrls[attempt++ % collectionUrls.length];
            try {
                Http.Response list = Http.get(url + "?" + selector);
                if (list.code() != 200) {
                    continue;
                }
                JsonNode body = read(list.body());
                synchronized (this) {
                    pods.clear();
                    body.path("items").forEach(pod -> pods.put(pod.path("metadata").path("name").asText(), pod));
                    observe();
                }
                String from = body.path("metadata").path("resourceVersion").asText();
                HttpRequest watch = HttpRequest.newBuilder(URI.create(url + "?watch=true&" + selector
                        + "&resourceVersion=" + from + "&allowWatchBookmarks=true&timeoutSeconds=600")).build();
                current = HTTP.sendAsync(watch, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    // Closing the lines closes the connection: a closed census stops at its next line.
                    try (var lines = response.body()) {
                        lines.takeWhile(line -> !closed.get()).forEach(this::onLine);
                    }
                }).whenComplete((ok, failure) -> {
                            if (!closed.get()) {
                                listAndWatch();
                            }
                        });
                return;
            } catch (RuntimeException unreachable) {
                // that master is down: the next one
            }
        }
    }

    private void onLine(String line) {
        if (line.isBlank() || closed.get()) {
            return;
        }
        JsonNode event = read(line);
        String type = event.path("type").asText();
        JsonNode pod = event.path("object");
        String name = pod.path("metadata").path("name").asText();
        synchronized (this) {
            switch (type) {
                case "ADDED", "MODIFIED" -> pods.put(name, pod);
                case "DELETED" -> pods.remove(name);
                default -> { return; }
            }
            observe();
        }
    }

    private void observe() {
        if (counting) {
            maxLive = Math.max(maxLive, live());
            minReady = Math.min(minReady, ready());
        }
    }

    private static boolean isLive(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return !pod.path("metadata").hasNonNull("deletionTimestamp") && !phase.equals("Failed")
                && !phase.equals("Succeeded");
    }

    private static boolean isReady(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed.set(true);
        CompletableFuture<?> watch = current;
        if (watch != null) {
            watch.cancel(true);
        }
    }
}
