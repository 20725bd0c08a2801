package io.coxswain.node.agent;

import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A worker's way to the API objects: the masters' entities, through sharding proxies (workers
 * host no shards — sharding's role is {@code master}, so every region here is a proxy).
 */
public final class EntityClient {
    private final ClusterSharding sharding;
    private final Duration timeout;

    public EntityClient(ActorSystem<?> system, Duration timeout) {
        this.sharding = ClusterSharding.get(system);
        this.timeout = timeout;
        for (ResourceType type : ResourceTypes.ALL_TYPES) {
            sharding.init(Entity.of(typeKey(type), entity -> Behaviors.<ObjectCommand>empty()).withRole("master"));
        }
    }

    static EntityTypeKey<ObjectCommand> typeKey(ResourceType type) {
        return EntityTypeKey.create(ObjectCommand.class, type.entityTypeName());
    }

    public CompletionStage<ObjectReply> get(ResourceType type, String entityId) {
        return sharding.entityRefFor(typeKey(type), entityId).ask(ObjectCommand.Get::new, timeout);
    }

    public CompletionStage<ObjectReply> write(ResourceType type, String entityId, WriteRequest request) {
        return sharding.entityRefFor(typeKey(type), entityId)
                .ask(replyTo -> new ObjectCommand.Write(request, replyTo), timeout);
    }
}
