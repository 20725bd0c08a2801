package io.coxswain.controlplane.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a write comes to once planned against the current state: the entity persists it. */
public sealed interface WritePlan {

    /** Store this object (created or changed); answer with {@code httpCode} and these warnings. */
    record Store(ObjectNode object, int httpCode, java.util.List<String> warnings) implements WritePlan {
        public Store(ObjectNode object, int httpCode) {
            this(object, httpCode, java.util.List.of());
        }
    }

    /** The object is gone for good; {@code lastState} is what watchers see in DELETED. */
    record Remove(ObjectNode lastState) implements WritePlan {}

    /** Nothing changes (a no-op update): answer with the current object, no new version. */
    record Unchanged(ObjectNode current) implements WritePlan {}
}
