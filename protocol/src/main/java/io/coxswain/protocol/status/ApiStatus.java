package io.coxswain.protocol.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.validation.FieldError;
import java.util.List;

/**
 * A Kubernetes {@code Status} object: how every refused request is answered, with the HTTP
 * code and reason clients switch on (NotFound, AlreadyExists, Conflict, Invalid, …).
 */
public record ApiStatus(int code, String reason, String message, String name, String group, String kind,
                        List<FieldError> causes) {

    public static ApiStatus badRequest(String message) {
        return new ApiStatus(400, "BadRequest", message, null, null, null, List.of());
    }

    public static ApiStatus notFound(ResourceType type, String name) {
        return new ApiStatus(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", name,
                type.group(), type.plural(), List.of());
    }

    public static ApiStatus notFound(String message) {
        return new ApiStatus(404, "NotFound", message, null, null, null, List.of());
    }

    public static ApiStatus alreadyExists(ResourceType type, String name) {
        return new ApiStatus(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", name,
                type.group(), type.plural(), List.of());
    }

    public static ApiStatus conflict(ResourceType type, String name, String why) {
        return new ApiStatus(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \""
                + name + "\": " + why, name, type.group(), type.plural(), List.of());
    }

    public static ApiStatus staleResourceVersion(ResourceType type, String name) {
        return conflict(type, name, "the object has been modified; please apply your changes to the latest version "
                + "and try again");
    }

    public static ApiStatus invalid(ResourceType type, String name, List<FieldError> errors) {
        String joined = errors.stream().map(FieldError::toString).reduce((a, b) -> a + ", " + b).orElse("");
        String message = type.kind() + " \"" + (name == null ? "" : name) + "\" is invalid: "
                + (errors.size() == 1 ? joined : "[" + joined + "]");
        return new ApiStatus(422, "Invalid", message, name, type.group(), type.kind(), List.copyOf(errors));
    }

    public static ApiStatus methodNotAllowed(String message) {
        return new ApiStatus(405, "MethodNotAllowed", message, null, null, null, List.of());
    }

    public static ApiStatus unsupportedMediaType(String contentType) {
        return new ApiStatus(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/apply-patch+yaml, application/strategic-merge-patch+json; got " + contentType,
                null, null, null, List.of());
    }

    public static ApiStatus tooLarge(long limit) {
        return new ApiStatus(413, "RequestEntityTooLarge", "the request body is larger than the limit of " + limit
                + " bytes", null, null, null, List.of());
    }

    public static ApiStatus gone(String message) {
        return new ApiStatus(410, "Expired", message, null, null, null, List.of());
    }

    public static ApiStatus unavailable(String message) {
        return new ApiStatus(503, "ServiceUnavailable", message, null, null, null, List.of());
    }

    public static ApiStatus timeout(String message) {
        return new ApiStatus(504, "Timeout", message, null, null, null, List.of());
    }

    /** A bug of ours, named by what failed (its message, or its class when it has none). */
    public static ApiStatus internal(Throwable failure) {
        return internal(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName());
    }

    public static ApiStatus internal(String message) {
        return new ApiStatus(500, "InternalError", "Internal error occurred: " + message, null, null, null, List.of());
    }

    public ApiException exception() {
        return new ApiException(this);
    }

    public ObjectNode toJson() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", code < 400 ? "Success" : "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (name != null || kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (group != null && !group.isEmpty()) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (FieldError cause : causes) {
                    ObjectNode c = list.addObject();
                    c.put("reason", causeReason(cause.type()));
                    String text = cause.toString();
                    String prefix = cause.path() + ": ";
                    c.put("message", text.startsWith(prefix) ? text.substring(prefix.length()) : text);
                    c.put("field", cause.path());
                }
            }
        }
        status.put("code", code);
        return status;
    }

    /** The machine-readable cause reason Kubernetes gives for each field error type. */
    private static String causeReason(String errorType) {
        return switch (errorType) {
            case "Required value" -> "FieldValueRequired";
            case "Unsupported value" -> "FieldValueNotSupported";
            case "Duplicate value" -> "FieldValueDuplicate";
            case "Forbidden" -> "FieldValueForbidden";
            case "Too long" -> "FieldValueTooLong";
            case "Not found" -> "FieldValueNotFound";
            default -> "FieldValueInvalid";
        };
    }

    /** A successful Status, as Kubernetes answers some deletes. */
    public static ObjectNode success(ResourceType type, String name) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.plural());
        return status;
    }
}
