package io.coxswain.controlplane.api;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.protocol.entity.ObjectCommand;
import io.coxswain.protocol.entity.ObjectReply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.controlplane.entity.Scales;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import io.coxswain.protocol.status.ApiStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Create, get, list, watch, update, patch and delete of every kind. Reads by name go to the
 * object's entity; lists and watches are served by this master's watch cache, which first waits
 * until it holds every write acknowledged before the request (read your writes); a write is
 * answered only once this master's cache holds it.
 */
final class ObjectRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectRoutes.class);
    private static final java.util.Set<String> STREAMED_SUBRESOURCES = java.util.Set.of("exec", "attach",
            "portforward");
    /** The namespaces Kubernetes refuses to delete (kube-node-lease is deletable there too). */
    private static final java.util.Set<String> UNDELETABLE_NAMESPACES = java.util.Set.of("default", "kube-system",
            "kube-public");

    private final ClusterGateway cluster;
    private final Materializer materializer;
    private final ApiSettings settings;
    private final TableView tables;
    private final WatchStreams watches;
    private final PodLogRoutes logs;
    private final PodExecRoutes execs;
    private final PortForwardRoutes forwards;

    ObjectRoutes(ClusterGateway cluster, Materializer materializer, ApiSettings settings, Clock clock) {
        this.cluster = cluster;
        this.materializer = materializer;
        this.settings = settings;
        this.tables = new TableView(clock);
        this.watches = new WatchStreams(cluster, tables, settings);
        this.logs = new PodLogRoutes(cluster.system(), settings.entityAskTimeout());
        this.execs = new PodExecRoutes(cluster.system(), materializer, settings.entityAskTimeout(), settings.streams());
        this.forwards = new PortForwardRoutes(cluster.system(), materializer, settings.entityAskTimeout(),
                settings.streams());
    }

    Materializer materializer() {
        return materializer;
    }

    CompletionStage<HttpResponse> handle(HttpRequest request, ApiPath path) {
        Query query = new Query(request.getUri().query());
        HttpMethod method = request.method();
        if (!path.subresource().isEmpty() && !path.type().hasSubresource(path.subresource())) {
            throw ApiStatus.notFound("the server could not find the requested resource").exception();
        }
        if (path.type() == ResourceTypes.POD && STREAMED_SUBRESOURCES.contains(path.subresource())) {
            return stream(request, path, query);
        }
        if (path.isCollection()) {
            if (method.equals(HttpMethods.GET)) {
                return query.flag("watch") ? watches.watch(request, path, query) : list(request, path, query);
            }
            if (method.equals(HttpMethods.POST)) {
                return withBody(request, body -> create(request, path, query, body));
            }
            if (method.equals(HttpMethods.DELETE)) {
                return deleteCollection(request, path, query);
            }
        } else {
            if (method.equals(HttpMethods.GET)) {
                return get(request, path);
            }
            if (method.equals(HttpMethods.PUT)) {
                return withBody(request, body -> write(request, path, WriteRequest.replace(path.subresource(),
                        Json.write(RequestBodies.parse(RequestBodies.mediaType(request), body)), query.dryRun())));
            }
            if (method.equals(HttpMethods.PATCH)) {
                return withBody(request, body -> patch(request, path, query, body));
            }
            if (method.equals(HttpMethods.DELETE)) {
                return withBody(request, body -> delete(request, path, query, body));
            }
            if (method.equals(HttpMethods.POST) && path.subresource().equals("binding")) {
                return withBody(request, body -> write(request, path, new WriteRequest(WriteRequest.Verb.CREATE,
                        "binding", Json.write(RequestBodies.parse(RequestBodies.mediaType(request), body)), "", "",
                        false, query.dryRun(), "Ignore")));
            }
        }
        throw ApiStatus.methodNotAllowed("the server does not allow this method on the requested resource")
                .exception();
    }

    /**
     * exec, attach and portforward: GET (a WebSocket upgrade) or POST (a SPDY upgrade, which kubectl falls back to);
     * the pod must exist before anything else is checked.
     */
    private CompletionStage<HttpResponse> stream(HttpRequest request, ApiPath path, Query query) {
        if (!request.method().equals(HttpMethods.GET) && !request.method().equals(HttpMethods.POST)) {
            throw ApiStatus.methodNotAllowed("the server does not allow this method on the requested resource")
                    .exception();
        }
        return getEntity(path).thenCompose(pod -> switch (path.subresource()) {
            case "exec" -> execs.exec(request, pod, query);
            case "attach" -> execs.attach(request, pod, query);
            default -> forwards.forward(request, pod, query);
        });
    }

    // ---- reads ----------------------------------------------------------------------------

    private CompletionStage<HttpResponse> get(HttpRequest request, ApiPath path) {
        if (path.subresource().equals("log")) {
            Query query = new Query(request.getUri().query());
            return getEntity(path).thenCompose(pod -> logs.logs(pod, query));
        }
        return getEntity(path).thenApply(object -> {
            JsonNode body = path.subresource().equals("scale") ? Scales.toScale(path.type(), object) : object;
            if (Negotiation.wantsTable(request) && !path.subresource().equals("scale")) {
                return Responses.json(200, tables.table(path.type(), List.of(object),
                        Json.text(object, "metadata.resourceVersion"), null, null), false);
            }
            return Responses.json(200, body, Negotiation.wantsYaml(request));
        });
    }

    private CompletionStage<ObjectNode> getEntity(ApiPath path) {
        return cluster.askEntity(path.type(), entityId(path), ObjectCommand.Get::new).thenApply(reply -> {
            if (reply.code() != 200) {
                throw new io.coxswain.protocol.status.ApiException(statusOf(reply));
            }
            return Json.parseObject(reply.body());
        });
    }

    private CompletionStage<HttpResponse> list(HttpRequest request, ApiPath path, Query query) {
        ObjectFilter filter = filter(path, query);
        int limit = Math.min(query.integer("limit", 0), settings.maxListLimit());
        ContinueToken token = ContinueToken.decode(query.get("continue"));
        String requested = query.get("resourceVersion");
        CompletionStage<Long> minVersion;
        if (token != null) {
            minVersion = CompletableFuture.completedFuture(token.resourceVersion());
        } else if (requested.isEmpty()) {
            minVersion = cluster.highestAllocated();
        } else {
            minVersion = CompletableFuture.completedFuture(parseVersion(requested));
        }
        return minVersion
                .thenCompose(version -> cluster.list(filter, version, limit, token == null ? null : token.lastKey()))
                .thenApply(result -> listResponse(request, path.type(), result, token));
    }

    private HttpResponse listResponse(HttpRequest request, ResourceType type, WatchCache.ListResult result,
                                      ContinueToken token) {
        String version = Long.toString(token != null ? token.resourceVersion() : result.resourceVersion());
        String next = result.lastKey() == null ? null
                : new ContinueToken(Long.parseLong(version), result.lastKey()).encode();
        List<JsonNode> items = new ArrayList<>(result.items().size());
        result.items().forEach(item -> items.add(item.object()));
        if (Negotiation.wantsTable(request)) {
            return Responses.json(200, tables.table(type, items, version, next,
                    next == null ? null : result.remaining()), false);
        }
        ObjectNode list = Json.object();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", version);
        if (next != null) {
            metadata.put("continue", next);
            metadata.put("remainingItemCount", result.remaining());
        }
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return Responses.json(200, list, Negotiation.wantsYaml(request));
    }

    static ObjectFilter filter(ApiPath path, Query query) {
        ResourceType type = path.type();
        FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
        io.coxswain.protocol.selector.SupportedFields.requireSupported(type.kind(), fields);
        return new ObjectFilter(type.entityTypeName(), path.namespace(), LabelSelector.parse(query.get("labelSelector")),
                fields);
    }

    // ---- writes ---------------------------------------------------------------------------

    private CompletionStage<HttpResponse> create(HttpRequest request, ApiPath path, Query query, byte[] bytes) {
        JsonNode body = RequestBodies.parse(RequestBodies.mediaType(request), bytes);
        if (!(body instanceof ObjectNode object)) {
            throw ApiStatus.badRequest("the request body must be a JSON object").exception();
        }
        String name = Json.text(object, "metadata.name");
        if (name.isEmpty()) {
            String generateName = Json.text(object, "metadata.generateName");
            if (generateName.isEmpty()) {
                throw ApiStatus.invalid(path.type(), "", List.of(new io.coxswain.protocol.validation.FieldError(
                        "metadata.name", "Required value", "name or generateName is required"))).exception();
            }
            name = generateName + io.coxswain.controlplane.entity.GeneratedNames.suffix();
        }
        ApiPath target = new ApiPath(path.group(), path.version(), path.type(), path.namespace(), name, "");
        WriteRequest write = WriteRequest.create(Json.write(object), query.dryRun());
        return requireNamespace(target).thenCompose(ok -> write(request, target, write));
    }

    private CompletionStage<HttpResponse> patch(HttpRequest request, ApiPath path, Query query, byte[] body) {
        String patchType = RequestBodies.patchType(RequestBodies.mediaType(request));
        if (body.length == 0) {
            throw ApiStatus.badRequest("the patch body is empty").exception();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!patchType.equals("apply")) {
            Json.parse(text); // malformed JSON is a 400 here, before it travels to the entity
        } else {
            Json.parseYaml(body);
        }
        WriteRequest write = WriteRequest.patch(path.subresource(), patchType, text, query.get("fieldManager"),
                query.flag("force"), query.dryRun());
        CompletionStage<Void> namespaceReady = patchType.equals("apply") ? requireNamespace(path)
                : CompletableFuture.completedFuture(null);
        return namespaceReady.thenCompose(ok -> write(request, path, write));
    }

    private CompletionStage<HttpResponse> delete(HttpRequest request, ApiPath path, Query query, byte[] body) {
        JsonNode parsed = body.length == 0 ? Json.object() : RequestBodies.parse(RequestBodies.mediaType(request), body);
        if (!(parsed instanceof ObjectNode options)) {
            throw ApiStatus.badRequest("the DeleteOptions in the request body must be an object").exception();
        }
        if (!query.get("propagationPolicy").isEmpty()) {
            options.put("propagationPolicy", query.get("propagationPolicy"));
        }
        if (!query.get("gracePeriodSeconds").isEmpty()) {
            options.put("gracePeriodSeconds", query.integer("gracePeriodSeconds", 0));
        }
        if (path.type() == ResourceTypes.POD && !options.has("gracePeriodSeconds")) {
            // Only a node agent that answers finishes a graceful delete: a pod on a node that is
            // gone or not Ready is deleted at once instead of hanging in Terminating.
            return podNodeReady(path).thenCompose(ready -> {
                if (!ready) {
                    options.put("gracePeriodSeconds", 0);
                }
                return deleteWith(request, path, query, options);
            });
        }
        return deleteWith(request, path, query, options);
    }

    private CompletionStage<Boolean> podNodeReady(ApiPath path) {
        return cluster.lookup(path.type(), entityId(path)).thenCompose(pod -> {
            String node = pod.map(p -> Json.text(p.object(), "spec.nodeName")).orElse("");
            if (node.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            return cluster.lookup(ResourceTypes.NODE, node).thenApply(found -> found
                    .map(n -> io.coxswain.controlplane.nodes.NodeHealth.ready(n.object()).equals("True"))
                    .orElse(false));
        });
    }

    private CompletionStage<HttpResponse> deleteWith(HttpRequest request, ApiPath path, Query query,
                                                     ObjectNode options) {
        if (path.type() == ResourceTypes.NAMESPACE && UNDELETABLE_NAMESPACES.contains(path.name())) {
            throw new ApiStatus(403, "Forbidden", "namespaces \"" + path.name() + "\" is forbidden: this namespace "
                    + "may not be deleted", path.name(), "", "namespaces", List.of()).exception();
        }
        // A Namespace is not removed here: it turns Terminating, and its controller (NamespaceKind)
        // deletes what is in it and then lets it go.
        boolean dryRun = query.dryRun() || options.path("dryRun").size() > 0;
        return write(request, path, WriteRequest.delete(Json.write(options), dryRun));
    }

    /**
     * Deletes every object the list selects, as one request; when some of the deletes fail, the
     * answer is the first failure's status, naming how many could not be deleted, as Kubernetes
     * answers a deletecollection that failed part-way.
     */
    private CompletionStage<HttpResponse> deleteCollection(HttpRequest request, ApiPath path, Query query) {
        ObjectFilter filter = filter(path, query);
        return cluster.highestAllocated()
                .thenCompose(version -> cluster.list(filter, version, 0, null))
                .thenCompose(result -> deleteAll(result.items()).thenApply(failures -> {
                    if (!failures.isEmpty()) {
                        ApiStatus first = failures.get(0);
                        return Responses.status(new ApiStatus(first.code(), first.reason(), "deleted "
                                + (result.items().size() - failures.size()) + " of " + result.items().size() + " "
                                + path.type().qualifiedName() + "; " + failures.size() + " could not be deleted, "
                                + "the first: " + first.message(), first.name(), first.group(), first.kind(),
                                List.of()));
                    }
                    ObjectNode list = Json.object();
                    list.put("kind", path.type().listKind());
                    list.put("apiVersion", path.type().apiVersion());
                    list.putObject("metadata").put("resourceVersion", Long.toString(result.resourceVersion()));
                    ArrayNode items = list.putArray("items");
                    result.items().forEach(item -> items.add(item.object()));
                    return Responses.json(200, list, false);
                }));
    }

    /** Deletes each object; answers the deletes that failed (an object already gone is not a failure). */
    private CompletionStage<List<ApiStatus>> deleteAll(List<CachedObject> objects) {
        List<CompletableFuture<ApiStatus>> deletes = new ArrayList<>();
        for (CachedObject object : objects) {
            ResourceType type = ApiObjectEntity.resourceTypeOf(object.entityType());
            deletes.add(cluster.writeEntity(type, object.key(), replyTo -> new ObjectCommand.Write(
                    WriteRequest.delete("{\"propagationPolicy\":\"Background\"}", false), replyTo))
                    .handle((reply, failure) -> {
                        if (failure != null) {
                            return ApiStatus.timeout("deleting " + type.qualifiedName() + " \""
                                    + Json.text(object.object(), "metadata.name") + "\": " + failure.getMessage());
                        }
                        return reply.code() < 300 || reply.code() == 404 ? null : statusOf(reply);
                    }).toCompletableFuture());
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                .thenApply(done -> deletes.stream().map(CompletableFuture::join)
                        .filter(java.util.Objects::nonNull).toList());
    }

    /** Sends a write to the object's entity, then waits until this master's cache has it. */
    private CompletionStage<HttpResponse> write(HttpRequest request, ApiPath path, WriteRequest requested) {
        WriteRequest write = requested.withFieldValidation(new Query(request.getUri().query())
                .fieldValidation());
        return cluster.writeEntity(path.type(), entityId(path), replyTo -> new ObjectCommand.Write(write, replyTo))
                .thenCompose(reply -> {
                    if (reply.code() >= 300) {
                        return CompletableFuture.completedFuture(Responses.json(reply.code(), reply.body()));
                    }
                    CompletionStage<Long> visible = reply.resourceVersion() > 0
                            ? cluster.awaitVersion(reply.resourceVersion())
                            : CompletableFuture.completedFuture(0L);
                    return visible.handle((v, failure) -> {
                        if (failure != null) {
                            LOG.warn("Write of {} {} is done but not yet in this master's cache: {}",
                                    path.type().kind(), entityId(path), failure.toString());
                        }
                        return successBody(request, path, reply);
                    });
                });
    }

    private HttpResponse successBody(HttpRequest request, ApiPath path, ObjectReply reply) {
        HttpResponse response = successBodyWithoutWarnings(request, path, reply);
        for (String warning : reply.warnings()) {
            // RFC 7234 warning headers, as kube-apiserver sends them; kubectl prints "Warning: …".
            response = response.addHeader(org.apache.pekko.http.javadsl.model.HttpHeader.parse("Warning",
                    warningHeader(warning)));
        }
        return response;
    }

    /**
     * {@code 299 - "text"}: the text as an HTTP quoted-string, as kube-apiserver quotes it. Warnings
     * quote what the client sent (field names), so quotes and backslashes are escaped and control
     * characters, which no header may carry, become spaces.
     */
    static String warningHeader(String text) {
        StringBuilder quoted = new StringBuilder("299 - \"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else {
                quoted.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        return quoted.append('"').toString();
    }

    private HttpResponse successBodyWithoutWarnings(HttpRequest request, ApiPath path, ObjectReply reply) {
        if (path.subresource().equals("scale")) {
            return Responses.json(reply.code(), Scales.toScale(path.type(), Json.parseObject(reply.body())), false);
        }
        if (RequestBodies.isYaml(Negotiation.accept(request))) {
            return Responses.json(reply.code(), Json.parseObject(reply.body()), true);
        }
        return Responses.json(reply.code(), reply.body());
    }

    private CompletionStage<Void> requireNamespace(ApiPath path) {
        if (!path.type().namespaced()) {
            return CompletableFuture.completedFuture(null);
        }
        String namespace = path.namespace();
        return cluster.lookup(ResourceTypes.NAMESPACE, namespace).thenCompose(cached -> {
            if (cached.isPresent()) {
                return CompletableFuture.completedFuture(Optional.of(cached.get().object()));
            }
            // Not in this master's cache yet (created a moment ago elsewhere?): ask its entity.
            return cluster.askEntity(ResourceTypes.NAMESPACE, namespace, ObjectCommand.Get::new)
                    .thenApply(reply -> reply.code() == 200 ? Optional.of(Json.parseObject(reply.body()))
                            : Optional.<ObjectNode>empty());
        }).thenApply(found -> {
            if (found.isEmpty()) {
                throw ApiStatus.notFound(ResourceTypes.NAMESPACE, namespace).exception();
            }
            if (found.get().path("metadata").has("deletionTimestamp")) {
                // Kubernetes' NamespaceLifecycle admission, word for word.
                throw new ApiStatus(403, "Forbidden", path.type().qualifiedName() + " \"" + path.name()
                        + "\" is forbidden: unable to create new content in namespace " + namespace
                        + " because it is being terminated", path.name(), path.type().group(), path.type().plural(),
                        List.of()).exception();
            }
            return null;
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    private CompletionStage<HttpResponse> withBody(HttpRequest request,
            java.util.function.Function<byte[], CompletionStage<HttpResponse>> handler) {
        return request.entity()
                .toStrict(settings.requestTimeout().toMillis(), settings.maxBodyBytes(), materializer)
                .exceptionally(failure -> {
                    // A body past the limit fails while it is read; reading it (rather than refusing it
                    // on its Content-Length) lets the client finish sending and read the 413.
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof org.apache.pekko.http.scaladsl.model.EntityStreamException
                            && String.valueOf(cause.getMessage()).contains("too large")) {
                        throw ApiStatus.tooLarge(settings.maxBodyBytes()).exception();
                    }
                    throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
                })
                .thenCompose(strict -> handler.apply(strict.getData().toArray()));
    }

    static String entityId(ApiPath path) {
        return ApiObjectEntity.entityId(path.type(), path.namespace(), path.name());
    }

    private static ApiStatus statusOf(ObjectReply reply) {
        JsonNode status = Json.parse(reply.body());
        return new ApiStatus(reply.code(), status.path("reason").asText(""), status.path("message").asText(""),
                status.path("details").path("name").asText(null), status.path("details").path("group").asText(null),
                status.path("details").path("kind").asText(null), List.of());
    }

    static long parseVersion(String text) {
        try {
            long version = Long.parseLong(text);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiStatus.badRequest("invalid resourceVersion: " + text).exception();
        }
    }

    /** An opaque {@code continue} token: the list's version and the last key served. */
    record ContinueToken(long resourceVersion, String lastKey) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((resourceVersion + ":" + lastKey)
                    .getBytes(StandardCharsets.UTF_8));
        }

        static ContinueToken decode(String token) {
            if (token == null || token.isEmpty()) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new ContinueToken(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw ApiStatus.badRequest("continue key is not valid: " + token).exception();
            }
        }
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
