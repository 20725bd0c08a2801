package io.coxswain.controlplane.entity;

import io.coxswain.protocol.entity.WriteRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.defaults.ObjectDefaults;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.patch.JsonPatch;
import io.coxswain.protocol.patch.MergePatch;
import io.coxswain.protocol.patch.StrategicMergePatch;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.schema.UnknownFields;
import io.coxswain.protocol.status.ApiStatus;
import io.coxswain.protocol.validation.FieldError;
import io.coxswain.protocol.validation.ObjectValidator;
import io.coxswain.protocol.validation.UnsupportedPodFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a write, apart from the actor that applies them: what create, replace, patch and
 * delete make of the current state, with Kubernetes' preconditions, defaults, validation and
 * {@code generation} bookkeeping. Pure functions of (current state, request, clock), so they are
 * unit-tested without actors. Objects passed in are never mutated.
 */
public final class ObjectWrites implements WritePlanner {
    /** Top-level fields that are not the desired state: changing only these keeps {@code generation}. */
    private static final Set<String> NOT_SPEC = Set.of("metadata", "status", "apiVersion", "kind");
    private static final Set<String> SERVER_OWNED_METADATA = Set.of("uid", "creationTimestamp", "generation",
            "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "selfLink", "managedFields");

    private final ResourceType type;

    public ObjectWrites(ResourceType type) {
        this.type = type;
    }

    /** Plans {@code request} against {@code current} (null when the object does not exist). */
    @Override
    public WritePlan plan(ObjectNode current, String namespace, String name, WriteRequest request, Instant now) {
        List<String> warnings = new java.util.ArrayList<>();
        WritePlan plan = switch (request.verb()) {
            case CREATE -> {
                if ("binding".equals(request.subresource())) {
                    yield PodBinding.bind(type, requireExisting(current, name), parseObject(request.body()), now);
                }
                if (current != null) {
                    throw ApiStatus.alreadyExists(type, name).exception();
                }
                ObjectNode body = knownFieldsOnly(parseObject(request.body()), request.fieldValidation(), warnings);
                yield new WritePlan.Store(create(body, namespace, name, now), 201);
            }
            case REPLACE -> replace(requireExisting(current, name),
                    knownFieldsOnly(parseObject(request.body()), request.fieldValidation(), warnings),
                    request.subresource(), name, now);
            case PATCH -> patch(current, namespace, name, request, now, warnings);
            case DELETE -> delete(requireExisting(current, name), request.body(), now);
        };
        if (current == null && plan instanceof WritePlan.Store created) {
            // Created (by POST or server-side apply): as kube-apiserver, warn about what the
            // cluster will not do with the object.
            UnsupportedPodFields.inObject(type.kind(), created.object()).forEach(u -> warnings.add(u.warning()));
        }
        if (plan instanceof WritePlan.Store store && !warnings.isEmpty()) {
            return new WritePlan.Store(store.object(), store.httpCode(), List.copyOf(warnings));
        }
        return plan;
    }

    /**
     * Fields the kind's schema does not declare: refused under Strict, dropped (with a warning
     * under Warn) otherwise, as Kubernetes does; they are never stored.
     */
    private ObjectNode knownFieldsOnly(ObjectNode body, String mode, List<String> warnings) {
        List<String> unknown = UnknownFields.find(type.apiVersion(), type.kind(), body);
        if (unknown.isEmpty()) {
            return body;
        }
        if ("Strict".equals(mode)) {
            String fields = unknown.stream().map(f -> "unknown field \"" + f + "\"")
                    .reduce((a, b) -> a + ", " + b).orElse("");
            throw ApiStatus.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + fields).exception();
        }
        if ("Warn".equals(mode)) {
            unknown.forEach(f -> warnings.add("unknown field \"" + f + "\""));
        }
        return UnknownFields.prune(type.apiVersion(), type.kind(), body);
    }

    ObjectNode create(ObjectNode body, String namespace, String name, Instant now) {
        ObjectNode object = body.deepCopy();
        checkKind(object);
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode metadata = Json.child(object, "metadata");
        checkNameAndNamespace(metadata, namespace, name);
        SERVER_OWNED_METADATA.forEach(metadata::remove);
        metadata.put("name", name);
        if (type.namespaced()) {
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", timestamp(now));
        metadata.put("generation", 1);
        if (type.hasSubresource("status") && !"Namespace".equals(type.kind())) {
            object.remove("status");
        }
        ObjectDefaults.apply(type.kind(), object);
        ServiceAddresses.assignClusterIp(type, object);
        validate(object, null);
        return object;
    }

    private WritePlan replace(ObjectNode current, ObjectNode body, String subresource, String name, Instant now) {
        if (!"scale".equals(subresource)) {
            checkKind(body);
        }
        ObjectNode metadata = Json.child(body, "metadata");
        String bodyName = metadata.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiStatus.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                    + name + ")").exception();
        }
        checkResourceVersion(current, metadata.path("resourceVersion").asText(""), name);
        ObjectNode next;
        if ("status".equals(subresource)) {
            next = current.deepCopy();
            if (body.has("status")) {
                next.set("status", body.get("status").deepCopy());
            } else {
                next.remove("status");
            }
        } else if ("finalize".equals(subresource)) {
            // A Namespace's finalize subresource changes spec.finalizers, and only that.
            next = current.deepCopy();
            JsonNode finalizers = Json.at(body, "spec.finalizers");
            Json.child(next, "spec").set("finalizers", finalizers instanceof ArrayNode list ? list.deepCopy()
                    : Json.MAPPER.createArrayNode());
        } else if ("scale".equals(subresource)) {
            next = current.deepCopy();
            JsonNode replicas = Json.at(body, "spec.replicas");
            if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
                throw ApiStatus.invalid(type, name, List.of(new FieldError("spec.replicas", "Invalid value",
                        String.valueOf(replicas) + ": must be greater than or equal to 0"))).exception();
            }
            Json.child(next, "spec").put("replicas", replicas.asInt());
        } else {
            next = body.deepCopy();
            next.put("apiVersion", type.apiVersion());
            next.put("kind", type.kind());
            ObjectNode nextMeta = Json.child(next, "metadata");
            ObjectNode currentMeta = (ObjectNode) current.get("metadata");
            for (String field : SERVER_OWNED_METADATA) {
                nextMeta.remove(field);
                if (currentMeta.has(field)) {
                    nextMeta.set(field, currentMeta.get(field).deepCopy());
                }
            }
            nextMeta.put("name", name);
            if (type.namespaced()) {
                nextMeta.set("namespace", currentMeta.get("namespace"));
            }
            if (type.hasSubresource("status")) {
                if (current.has("status")) {
                    next.set("status", current.get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            }
            if ("Namespace".equals(type.kind())) {
                // As in Kubernetes, only the finalize subresource changes a namespace's finalizers.
                Json.child(next, "spec").set("finalizers", Json.at(current, "spec.finalizers") == null
                        ? Json.MAPPER.createArrayNode() : Json.at(current, "spec.finalizers").deepCopy());
            }
            ObjectDefaults.apply(type.kind(), next);
            ServiceAddresses.keepClusterIp(type, current, next);
        }
        return finishUpdate(current, next, name, now);
    }

    private WritePlan patch(ObjectNode current, String namespace, String name, WriteRequest request, Instant now,
                            List<String> warnings) {
        JsonNode patch = "apply".equals(request.patchType()) ? parseYamlOrJson(request.body()) : Json.parse(request.body());
        if ("apply".equals(request.patchType()) && current == null) {
            // Server-side apply creates what is missing.
            if (!(patch instanceof ObjectNode applied)) {
                throw ApiStatus.badRequest("the applied configuration must be an object").exception();
            }
            return new WritePlan.Store(create(knownFieldsOnly(applied, request.fieldValidation(), warnings),
                    namespace, name, now), 201);
        }
        requireExisting(current, name);
        ObjectNode base = "scale".equals(request.subresource()) ? Scales.toScale(type, current) : current;
        JsonNode patched = switch (request.patchType()) {
            case "json" -> JsonPatch.apply(base, patch);
            case "merge" -> MergePatch.apply(base, patch);
            case "strategic" -> StrategicMergePatch.apply(base, patch);
            case "apply" -> StrategicMergePatch.apply(base, withoutDirectives(patch));
            default -> throw ApiStatus.unsupportedMediaType(request.patchType()).exception();
        };
        if (!(patched instanceof ObjectNode patchedObject)) {
            throw ApiStatus.badRequest("the patch did not produce an object").exception();
        }
        if ("apply".equals(request.patchType())) {
            // The applied configuration's resourceVersion is a precondition only when it is given.
            JsonNode appliedVersion = Json.at(patch, "metadata.resourceVersion");
            if (appliedVersion == null) {
                Json.child(patchedObject, "metadata").put("resourceVersion", resourceVersion(current));
            }
        }
        if (!"scale".equals(request.subresource())) {
            patchedObject = knownFieldsOnly(patchedObject, request.fieldValidation(), warnings);
        }
        return replace(current, patchedObject, request.subresource(), name, now);
    }

    private WritePlan delete(ObjectNode current, String optionsJson, Instant now) {
        ObjectNode options = optionsJson == null || optionsJson.isBlank() ? Json.object() : parseObject(optionsJson);
        String name = Json.text(current, "metadata.name");
        JsonNode preconditions = options.path("preconditions");
        String uid = preconditions.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(Json.text(current, "metadata.uid"))) {
            throw ApiStatus.conflict(type, name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + Json.text(current, "metadata.uid")).exception();
        }
        String version = preconditions.path("resourceVersion").asText("");
        if (!version.isEmpty() && !version.equals(resourceVersion(current))) {
            throw ApiStatus.conflict(type, name, "Precondition failed: ResourceVersion in precondition: " + version
                    + ", ResourceVersion in object meta: " + resourceVersion(current)).exception();
        }
        String propagation = options.path("propagationPolicy").asText("");
        if (options.path("orphanDependents").asBoolean(false)) {
            propagation = "Orphan";
        }
        ObjectNode next = current.deepCopy();
        ObjectNode metadata = (ObjectNode) next.get("metadata");
        ArrayNode finalizers = metadata.get("finalizers") instanceof ArrayNode f ? f : metadata.putArray("finalizers");
        if ("Foreground".equals(propagation)) {
            addFinalizer(finalizers, Finalizers.FOREGROUND_DELETION);
        } else if ("Orphan".equals(propagation)) {
            addFinalizer(finalizers, Finalizers.ORPHAN);
        }
        if (finalizers.isEmpty()) {
            metadata.remove("finalizers");
        }
        long grace = gracePeriod(current, options);
        if (!finalizersPending(next) && grace == 0) {
            return new WritePlan.Remove(next);
        }
        if (!metadata.has("deletionTimestamp")) {
            metadata.put("deletionTimestamp", timestamp(now.plusSeconds(grace)));
            metadata.put("deletionGracePeriodSeconds", grace);
            if ("Namespace".equals(type.kind())) {
                // The namespace controller empties it, then removes the "kubernetes" finalizer.
                Json.child(next, "status").put("phase", "Terminating");
            }
        } else if (grace == 0 && !finalizersPending(next)) {
            return new WritePlan.Remove(next); // the node agent's final delete, or a forced one
        } else if (grace < metadata.path("deletionGracePeriodSeconds").asLong(0)) {
            metadata.put("deletionGracePeriodSeconds", grace); // a shorter grace period wins, as in Kubernetes
        }
        return next.equals(current) ? new WritePlan.Unchanged(current) : new WritePlan.Store(next, 200);
    }

    /**
     * A pod on a node is deleted gracefully: it is marked (deletionTimestamp, grace period) and its
     * node agent stops the containers and then deletes it for good. Everything else — and a pod
     * not on a node, or a delete with gracePeriodSeconds=0 — is deleted at once.
     */
    private long gracePeriod(ObjectNode current, ObjectNode options) {
        if (!"Pod".equals(type.kind()) || Json.text(current, "spec.nodeName").isEmpty()) {
            return 0;
        }
        JsonNode requested = options.get("gracePeriodSeconds");
        if (requested != null && requested.canConvertToLong()) {
            return Math.max(0, requested.asLong());
        }
        return current.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    /** Common end of every update: validation, generation, and finishing a delete whose finalizers are done. */
    private WritePlan finishUpdate(ObjectNode current, ObjectNode next, String name, Instant now) {
        ObjectNode metadata = Json.child(next, "metadata");
        metadata.put("resourceVersion", resourceVersion(current));
        if (!sameSpec(current, next)) {
            metadata.put("generation", current.path("metadata").path("generation").asLong(1) + 1);
        }
        validate(next, current);
        if (metadata.has("deletionTimestamp") && !finalizersPending(next)) {
            return new WritePlan.Remove(next);
        }
        if (next.equals(current)) {
            return new WritePlan.Unchanged(current);
        }
        return new WritePlan.Store(next, 200);
    }

    /**
     * Whether something must still act before a deleted object may go: its
     * {@code metadata.finalizers}, and a Namespace's {@code spec.finalizers} ("kubernetes": the
     * namespace controller has not emptied it yet).
     */
    private boolean finalizersPending(ObjectNode object) {
        JsonNode finalizers = object.path("metadata").get("finalizers");
        if (finalizers != null && !finalizers.isEmpty()) {
            return true;
        }
        return "Namespace".equals(type.kind()) && !object.path("spec").path("finalizers").isEmpty();
    }

    private void validate(ObjectNode object, ObjectNode old) {
        List<FieldError> errors = new java.util.ArrayList<>(ObjectValidator.validate(object));
        if (old != null) {
            errors.addAll(ObjectValidator.validateUpdate(old, object));
        }
        if (!errors.isEmpty()) {
            throw ApiStatus.invalid(type, Json.text(object, "metadata.name"), errors).exception();
        }
    }

    private void checkKind(ObjectNode body) {
        String kind = body.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiStatus.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")").exception();
        }
        String apiVersion = body.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiStatus.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")").exception();
        }
    }

    private void checkNameAndNamespace(ObjectNode metadata, String namespace, String name) {
        String bodyName = metadata.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiStatus.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                    + name + ")").exception();
        }
        String bodyNamespace = metadata.path("namespace").asText("");
        if (type.namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw ApiStatus.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request").exception();
        }
    }

    private void checkResourceVersion(ObjectNode current, String expected, String name) {
        if (!expected.isEmpty() && !expected.equals(resourceVersion(current))) {
            throw ApiStatus.staleResourceVersion(type, name).exception();
        }
    }

    private ObjectNode requireExisting(ObjectNode current, String name) {
        if (current == null) {
            throw ApiStatus.notFound(type, name).exception();
        }
        return current;
    }

    private static boolean sameSpec(ObjectNode a, ObjectNode b) {
        java.util.Set<String> fields = new java.util.HashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        b.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (!NOT_SPEC.contains(field) && !java.util.Objects.equals(a.get(field), b.get(field))) {
                return false;
            }
        }
        return true;
    }

    private static void addFinalizer(ArrayNode finalizers, String finalizer) {
        for (JsonNode existing : finalizers) {
            if (existing.asText().equals(finalizer)) {
                return;
            }
        }
        finalizers.add(finalizer);
    }

    /** Server-side apply's configuration is plain intent: strategic-merge directives have no meaning there. */
    private static JsonNode withoutDirectives(JsonNode applied) {
        return applied;
    }

    static String resourceVersion(ObjectNode object) {
        return Json.text(object, "metadata.resourceVersion");
    }

    static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static ObjectNode parseObject(String body) {
        return Json.parseObject(body == null || body.isBlank() ? "{}" : body);
    }

    private static JsonNode parseYamlOrJson(String body) {
        return Json.parseYaml(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
