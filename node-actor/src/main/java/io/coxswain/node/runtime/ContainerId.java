package io.coxswain.node.runtime;

import java.util.Objects;

/** A runtime's name for one attempt of one container; opaque to everyone but the runtime that made it. */
public record ContainerId(String value) {
    public ContainerId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
