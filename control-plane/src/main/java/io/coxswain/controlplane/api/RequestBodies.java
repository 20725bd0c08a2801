package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.json.MalformedBodyException;
import io.coxswain.protocol.protobuf.KubernetesProtobuf;
import io.coxswain.protocol.status.ApiStatus;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/** Reading request bodies the way Kubernetes clients send them. */
final class RequestBodies {
    private RequestBodies() {}

    /** The media type without parameters; clients that send none (kubectl scale's PUT) mean JSON. */
    static String mediaType(HttpRequest request) {
        String mediaType = request.entity().getContentType().mediaType().toString();
        int semicolon = mediaType.indexOf(';');
        mediaType = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase();
        return mediaType.equals("application/octet-stream") || mediaType.equals("none/none") || mediaType.isEmpty()
                ? "application/json" : mediaType;
    }

    /** Parses a JSON or YAML body into a tree; 400 when malformed or when it is not an object. */
    static JsonNode parse(String mediaType, byte[] body) {
        if (mediaType.equals(KubernetesProtobuf.MEDIA_TYPE)) {
            // kubectl's generators (create configmap, create deployment, …) send protobuf and
            // never fall back to JSON.
            return KubernetesProtobuf.toJson(body);
        }
        if (body.length == 0) {
            throw ApiStatus.badRequest("the request body is empty").exception();
        }
        JsonNode node = isYaml(mediaType) ? Json.parseYaml(body) : Json.parse(body);
        if (node == null || node.isMissingNode()) {
            throw new MalformedBodyException("the request body is empty");
        }
        return node;
    }

    static boolean isYaml(String mediaType) {
        return mediaType.endsWith("yaml");
    }

    /** The patch type a PATCH's media type names; 415 for anything else. */
    static String patchType(String mediaType) {
        return switch (mediaType) {
            case "application/json-patch+json" -> "json";
            case "application/merge-patch+json" -> "merge";
            case "application/strategic-merge-patch+json" -> "strategic";
            case "application/apply-patch+yaml", "application/apply-patch+json" -> "apply";
            default -> throw ApiStatus.unsupportedMediaType(mediaType).exception();
        };
    }
}
