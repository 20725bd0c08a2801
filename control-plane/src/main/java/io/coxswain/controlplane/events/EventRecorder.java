package io.coxswain.controlplane.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.api.ClusterGateway;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records core/v1 Events about objects, as a Kubernetes component does: what {@code kubectl
 * describe} shows under "Events" and {@code kubectl get events} lists.
 */
public final class EventRecorder {
    private final ClusterGateway cluster;
    private final String component;
    private final Clock clock;

    public EventRecorder(ClusterGateway cluster, String component, Clock clock) {
        this.cluster = cluster;
        this.component = component;
        this.clock = clock;
    }

    /** Records one event about {@code object} ("Normal" or "Warning"). Failures are the caller's to log. */
    public CompletionStage<?> record(ObjectNode object, String type, String reason, String message) {
        String namespace = Json.text(object, "metadata.namespace").isEmpty() ? "default"
                : Json.text(object, "metadata.namespace");
        String name = Json.text(object, "metadata.name") + "." + HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong());
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", name);
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
        event.putObject("source").put("component", component);
        event.put("reportingComponent", component);
        event.put("firstTimestamp", now);
        event.put("lastTimestamp", now);
        event.put("count", 1);
        String id = ApiObjectEntity.entityId(ResourceTypes.EVENT, namespace, name);
        return cluster.writeEntity(ResourceTypes.EVENT, id, replyTo -> new ObjectCommand.Write(
                WriteRequest.create(Json.write(event), false), replyTo));
    }
}
