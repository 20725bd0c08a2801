package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.resource.ResourceType;
import java.util.Optional;

/** The API objects a pod refers to (ConfigMaps, Secrets), read when its containers are set up. */
public interface ApiObjects {

    /**
     * The object as stored, or empty when there is none.
     *
     * @throws ApiObjectsUnavailableException when the masters could not be asked (try again next round)
     */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /** The masters did not answer: neither "found" nor "not found" is known. */
    final class ApiObjectsUnavailableException extends RuntimeException {
        public ApiObjectsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
