package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads objects from their entities on the masters. Blocking: called on the agent's sync thread. */
final class EntityApiObjects implements ApiObjects {
    private final EntityClient entities;
    private final Duration timeout;

    EntityApiObjects(EntityClient entities, Duration timeout) {
        this.entities = entities;
        this.timeout = timeout;
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ObjectReply reply;
        try {
            reply = entities.get(type, namespace + "/" + name).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiObjectsUnavailableException("interrupted reading " + type.kind() + " " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiObjectsUnavailableException("cannot read " + type.kind() + " " + namespace + "/" + name
                    + ": " + e, e);
        }
        if (reply.code() == 404) {
            return Optional.empty();
        }
        if (reply.code() != 200) {
            throw new ApiObjectsUnavailableException("reading " + type.kind() + " " + namespace + "/" + name
                    + " answered " + reply.code() + ": " + reply.body(), null);
        }
        return Optional.of(Json.parseObject(reply.body()));
    }
}
