package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What any cluster member — a master's API server, a controller, a worker's node agent — may ask
 * of an API object's entity, through Cluster Sharding. The entity type key of a kind is
 * {@code EntityTypeKey.create(ObjectCommand.class, resourceType.entityTypeName())}; the entity id
 * is "namespace/name" or "name".
 */
public interface ObjectCommand extends CborSerializable {

    /** Reads the object as it is now (after any write in flight). */
    record Get(ActorRef<ObjectReply> replyTo) implements ObjectCommand {}

    /** A create, replace, patch or delete; see {@link WriteRequest}. */
    record Write(WriteRequest request, ActorRef<ObjectReply> replyTo) implements ObjectCommand {}

    /**
     * From the resource version sequencer: the write stamped {@code resourceVersion} was settled
     * without reaching the watch caches. If it is the object's latest state, the entity stamps it
     * anew so the change is published. Either way it tells the sequencer it heard (the sequencer
     * asks again until it does).
     */
    record Reannounce(long resourceVersion) implements ObjectCommand {}
}
