package io.coxswain.protocol.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A core/v1 Event about an object, as every Kubernetes component writes them: what {@code kubectl
 * describe} shows under "Events" and {@code kubectl get events} lists. Masters (scheduler, controllers)
 * and node agents build them the same way.
 */
public final class EventObject {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private EventObject() {}

    /**
     * A new event, named like Kubernetes' ({@code <object>.<random hex>}) so that events never collide.
     *
     * @param host the node that saw it ({@code source.host}); empty for components of the control plane
     */
    public static ObjectNode about(ObjectNode object, String type, String reason, String message, String component,
                                   String host, Instant now) {
        String namespace = namespaceOf(object);
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", Json.text(object, "metadata.name") + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        metadata.put("namespace", namespace);
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("apiVersion", Json.text(object, "apiVersion"));
        involved.put("kind", Json.text(object, "kind"));
        involved.put("namespace", namespace);
        involved.put("name", Json.text(object, "metadata.name"));
        involved.put("uid", Json.text(object, "metadata.uid"));
        involved.put("resourceVersion", Json.text(object, "metadata.resourceVersion"));
        event.put("reason", reason);
        event.put("message", message);
        event.put("type", type);
        ObjectNode source = event.putObject("source");
        source.put("component", component);
        if (!host.isEmpty()) {
            source.put("host", host);
            event.put("reportingInstance", host);
        }
        event.put("reportingComponent", component);
        event.put("firstTimestamp", time);
        event.put("lastTimestamp", time);
        event.put("count", 1);
        return event;
    }

    /** Cluster-scoped objects (Nodes) have their events in {@code default}, as in Kubernetes. */
    public static String namespaceOf(ObjectNode object) {
        String namespace = Json.text(object, "metadata.namespace");
        return namespace.isEmpty() ? "default" : namespace;
    }
}
