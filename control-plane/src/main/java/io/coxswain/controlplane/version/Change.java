package io.coxswain.controlplane.version;

import io.coxswain.protocol.CborSerializable;

/**
 * One committed change to one object, as every master's watch cache receives it.
 *
 * @param resourceVersion the version the write was stamped with
 * @param entityType      the entity type name of the object's kind ("Pod", "Deployment.apps")
 * @param entityId        "namespace/name" or "name"
 * @param type            ADDED, MODIFIED or DELETED
 * @param objectJson      the object after the change (for DELETED: its last state)
 */
public record Change(long resourceVersion, String entityType, String entityId, String type, String objectJson)
        implements CborSerializable {}
