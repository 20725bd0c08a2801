package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.entity.WriteRequest;
import java.time.Instant;

/** What an entity asks to turn a write into a plan: {@link ObjectWrites}, or a stand-in in tests. */
@FunctionalInterface
interface WritePlanner {
    /**
     * @param current the object as stored, or null when it does not exist
     * @throws io.coxswain.protocol.status.ApiException and the other client errors of
     *         {@link io.coxswain.protocol.status.ClientErrors} when the request is refused
     */
    WritePlan plan(ObjectNode current, String namespace, String name, WriteRequest request, Instant now);
}
