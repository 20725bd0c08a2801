package io.coxswain.controlplane.api;

import io.coxswain.controlplane.cluster.ClusterGateway;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.controlplane.cache.WatchEvent;
import io.coxswain.protocol.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Watch responses: one JSON event per line in a chunked response (kubectl, client-java), or one
 * event per text frame after a WebSocket upgrade (what fabric8 tries first). The events come
 * from this master's watch cache through a bounded queue; a client that cannot keep up is
 * disconnected and resumes from its last version.
 */
final class WatchStreams {
    private final ClusterGateway cluster;
    private final TableView tables;
    private final ApiSettings settings;

    WatchStreams(ClusterGateway cluster, TableView tables, ApiSettings settings) {
        this.cluster = cluster;
        this.tables = tables;
        this.settings = settings;
    }

    CompletionStage<HttpResponse> watch(HttpRequest request, ApiPath path, Query query) {
        ObjectFilter filter = ObjectRoutes.filter(path, query);
        String requested = query.get("resourceVersion");
        long from = requested.isEmpty() || requested.equals("0") ? -1 : ObjectRoutes.parseVersion(requested);
        int timeoutSeconds = query.integer("timeoutSeconds", 0);
        Duration timeout = timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : settings.defaultWatchTimeout();
        boolean table = Negotiation.wantsTable(request);
        boolean bookmarks = query.flag("allowWatchBookmarks");
        var cache = cluster.cache();
        Source<String, NotUsed> events = Source.<WatchEvent>queue(settings.watchBuffer())
                .mapMaterializedValue(queue -> {
                    cache.tell(new WatchCache.Watch(filter, from, bookmarks, queue));
                    return queue;
                })
                .watchTermination((queue, done) -> {
                    done.whenComplete((ok, failure) -> cache.tell(new WatchCache.StopWatch(queue)));
                    return NotUsed.getInstance();
                })
                .takeWithin(timeout)
                .map(event -> Json.write(line(path, event, table)));
        var upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
        if (upgrade.isPresent()) {
            Source<Message, NotUsed> frames = events.map(TextMessage::create);
            return CompletableFuture.completedFuture(upgrade.get().handleMessagesWith(Sink.ignore(), frames));
        }
        Source<ByteString, NotUsed> lines = events.map(text -> ByteString.fromString(text + "\n"));
        return CompletableFuture.completedFuture(HttpResponse.create()
                .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, lines)));
    }

    private ObjectNode line(ApiPath path, WatchEvent event, boolean table) {
        ObjectNode line = Json.object();
        line.put("type", event.type());
        boolean isObject = !event.type().equals("ERROR") && !event.type().equals("BOOKMARK");
        if (table && isObject) {
            line.set("object", tables.table(path.type(), List.of(event.object()),
                    Json.text(event.object(), "metadata.resourceVersion"), null, null));
        } else {
            line.set("object", event.object());
        }
        return line;
    }
}
