package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read-path invariants of docs/ARCHITECTURE.md under concurrent writers on every master:
 * watches on every master, resumed from one list's version, see every change exactly once, in
 * increasing version order, and all of them the same sequence.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class WatchConsistencyIT {
    private static final TestNamespace NS = TestNamespace.of(WatchConsistencyIT.class);
    private static final Pattern EVENT = Pattern.compile(
            "\\{\"type\":\"(\\w+)\",\"object\":.*?\"name\":\"([^\"]+)\".*?\"resourceVersion\":\"(\\d+)\"");
    private static final int WRITERS_PER_MASTER = 2;
    private static final int OBJECTS_PER_WRITER = 25;

    private final LocalCluster cluster = LocalCluster.get();
    private final HttpClient http = HttpClient.newHttpClient();

    record Event(String type, String name, long version) {}

    @Test
    void watchesOnEveryMasterSeeEveryConcurrentWriteOnceAndInOrder() throws Exception {
        String collection = NS.apiPath("configmaps");
        String listed = Http.get(cluster.masterUrl(1) + collection + "?labelSelector=suite%3Dwatch").body();
        String from = listed.replaceAll("(?s).*?\"resourceVersion\":\"(\\d+)\".*", "$1");

        List<List<Event>> seen = new ArrayList<>();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            List<Event> events = new CopyOnWriteArrayList<>();
            seen.add(events);
            HttpRequest watch = HttpRequest.newBuilder(URI.create(cluster.masterUrl(master) + collection
                    + "?watch=true&labelSelector=suite%3Dwatch&timeoutSeconds=120&resourceVersion=" + from)).build();
            streams.add(http.sendAsync(watch, HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> consume(response.body(), events)));
        }

        int writers = WRITERS_PER_MASTER * LocalCluster.MASTERS;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            String base = cluster.masterUrl(1 + writer % LocalCluster.MASTERS) + collection;
            writes.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < OBJECTS_PER_WRITER; i++) {
                    String name = "watch-" + id + "-" + i;
                    String body = "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"suite\":\"watch\"}},"
                            + "\"data\":{\"n\":\"" + i + "\"}}";
                    assertThat(Http.send("POST", base, "application/json", body).code()).isEqualTo(201);
                    assertThat(Http.send("PATCH", base + "/" + name, "application/merge-patch+json",
                            "{\"data\":{\"n\":\"changed\"}}").code()).isEqualTo(200);
                }
            }, pool));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        pool.shutdown();

        int expected = writers * OBJECTS_PER_WRITER * 2;
        Await.until(expected + " events on every master's watch", () -> seen.stream().map(List::size).toList(),
                sizes -> sizes.stream().allMatch(size -> size >= expected), 60);
        for (int master = 0; master < LocalCluster.MASTERS; master++) {
            List<Event> events = seen.get(master);
            assertThat(events).as("events on master-%d", master + 1).hasSize(expected);
            assertThat(events.stream().map(Event::version).distinct().count()).isEqualTo(expected);
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).version()).as("versions increase on master-%d", master + 1)
                        .isGreaterThan(events.get(i - 1).version());
            }
            assertThat(events.stream().filter(e -> e.type().equals("ADDED")).count()).isEqualTo(expected / 2);
            assertThat(events.stream().filter(e -> e.type().equals("MODIFIED")).count()).isEqualTo(expected / 2);
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
        streams.forEach(stream -> stream.cancel(true));
        Http.send("DELETE", cluster.masterUrl(1) + collection + "?labelSelector=suite%3Dwatch", null, null);
    }

    private static void consume(Stream<String> lines, List<Event> events) {
        lines.forEach(line -> {
            Matcher matcher = EVENT.matcher(line);
            if (matcher.find()) {
                events.add(new Event(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3))));
            }
        });
    }
}
