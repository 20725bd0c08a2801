package io.coxswain.controlplane.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.events.EventObject;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

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
        ObjectNode event = EventObject.about(object, type, reason, message, component, "", clock.instant());
        String id = ApiObjectEntity.entityId(ResourceTypes.EVENT, Json.text(event, "metadata.namespace"),
                Json.text(event, "metadata.name"));
        String namespace = Json.text(event, "metadata.namespace");
        return cluster.creationRefusal(namespace).thenCompose(refused -> refused.isPresent()
                ? java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException(refused.get()))
                : cluster.writeEntity(ResourceTypes.EVENT, id, replyTo -> new ObjectCommand.Write(
                        WriteRequest.create(Json.write(event), false), replyTo)));
    }
}
