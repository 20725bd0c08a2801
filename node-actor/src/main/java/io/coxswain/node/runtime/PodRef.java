package io.coxswain.node.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pod a sandbox or container belongs to. The uid names directories and container ids, so it is limited to the
 * characters of a Kubernetes uid.
 */
public record PodRef(String uid, String namespace, String name) {
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    public PodRef {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (!UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("pod uid must be letters, digits and '-', got \"" + uid + "\"");
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " (" + uid + ")";
    }
}
