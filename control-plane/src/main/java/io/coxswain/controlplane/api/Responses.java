package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** Building responses: JSON or YAML bodies, and Status objects for errors. */
final class Responses {
    private static final ContentType YAML = MediaTypes.applicationWithFixedCharset("yaml",
            org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8).toContentType();

    private Responses() {}

    static HttpResponse json(int code, JsonNode body, boolean yaml) {
        if (yaml) {
            return HttpResponse.create().withStatus(StatusCodes.get(code))
                    .withEntity(HttpEntities.create(YAML, Json.writeYaml(body).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpResponse.create().withStatus(StatusCodes.get(code))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.writeBytes(body)));
    }

    static HttpResponse json(int code, String body) {
        return HttpResponse.create().withStatus(StatusCodes.get(code))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse status(ApiStatus status) {
        return json(status.code(), status.toJson(), false);
    }
}
