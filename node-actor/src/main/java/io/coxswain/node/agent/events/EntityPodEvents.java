package io.coxswain.node.agent.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.EntityClient;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.events.EventObject;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the agent's events as Event objects through the masters, without waiting for them. */
public final class EntityPodEvents implements PodEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EntityPodEvents.class);
    /** The kubelet's component name: what {@code kubectl describe pod} shows in the "From" column. */
    private static final String COMPONENT = "kubelet";

    private final EntityClient entities;
    private final String nodeName;
    private final Clock clock;

    public EntityPodEvents(EntityClient entities, String nodeName, Clock clock) {
        this.entities = entities;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    @Override
    public void record(ObjectNode pod, String type, String reason, String message) {
        ObjectNode event = EventObject.about(pod, type, reason, message, COMPONENT, nodeName, clock.instant());
        String id = Json.text(event, "metadata.namespace") + "/" + Json.text(event, "metadata.name");
        entities.write(ResourceTypes.EVENT, id, WriteRequest.create(Json.write(event), false))
                .whenComplete((reply, failure) -> {
                    if (failure != null || reply.code() >= 300) {
                        LOG.debug("event {} about {} not recorded: {}", reason, Json.text(pod, "metadata.name"),
                                failure != null ? failure.toString() : reply.body());
                    }
                });
    }
}
