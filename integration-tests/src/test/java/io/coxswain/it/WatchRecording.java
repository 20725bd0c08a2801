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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * The events of one watch over HTTP, in the order the server sent them. It watches from the resourceVersion of
 * a list made when it starts, so every change after that list is recorded, however late the stream connects.
 */
final class WatchRecording implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WATCH_SECONDS = 300;

    /**
     * One watch event: its type (ADDED, MODIFIED, DELETED, …), the object's name, whether it was being deleted, and
     * the object as sent.
     */
    record Event(String type, String name, boolean deletionMarked, JsonNode object) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile Flow.Subscription subscription;

    private WatchRecording() {}

    /** Starts watching the objects matching {@code labelSelector} in the collection at {@code collectionUrl}. */
    static WatchRecording of(String collectionUrl, String labelSelector) {
        String selector = "labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
        Http.Response list = Http.get(collectionUrl + "?" + selector);
        if (list.code() != 200) {
            throw new AssertionError("list before the watch: " + list.code() + " " + list.body());
        }
        String from = read(list.body()).path("metadata").path("resourceVersion").asText();
        WatchRecording recording = new WatchRecording();
        HttpRequest watch = HttpRequest.newBuilder(URI.create(collectionUrl + "?watch=true&" + selector
                + "&timeoutSeconds=" + WATCH_SECONDS + "&resourceVersion=" + from)).build();
        HTTP.sendAsync(watch, HttpResponse.BodyHandlers.fromLineSubscriber(recording.lineSubscriber()));
        return recording;
    }

    /** Every event so far, oldest first. */
    List<Event> events() {
        return List.copyOf(events);
    }

    /** The names of the objects deleted so far, in the order they went. */
    List<String> deleted() {
        return events.stream().filter(e -> e.type().equals("DELETED")).map(Event::name).toList();
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private Flow.Subscriber<String> lineSubscriber() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription started) {
                subscription = started;
                started.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.isBlank()) {
                    return;
                }
                JsonNode event = read(line);
                JsonNode metadata = event.path("object").path("metadata");
                events.add(new Event(event.path("type").asText(), metadata.path("name").asText(),
                        metadata.hasNonNull("deletionTimestamp"), event.path("object")));
            }

            @Override
            public void onError(Throwable failure) {
                // a cancelled or broken stream: the test's own wait reports what never arrived
            }

            @Override
            public void onComplete() {
                // the server's timeout: longer than any test waits
            }
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
