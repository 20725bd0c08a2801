package io.coxswain.protocol.entity;

import io.coxswain.protocol.CborSerializable;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.util.List;

/**
 * An entity's answer: an HTTP status code and the body (the object, or a Status), the version the
 * write was stamped with (the API server waits for it in its cache before answering, so clients
 * read their own writes), and warnings for the client (unknown fields dropped, …).
 */
public record ObjectReply(int code, String body, long resourceVersion, List<String> warnings)
        implements CborSerializable {

    public ObjectReply(int code, String body, long resourceVersion) {
        this(code, body, resourceVersion, List.of());
    }

    public static ObjectReply of(ApiStatus status) {
        return new ObjectReply(status.code(), Json.write(status.toJson()), 0);
    }
}
