package io.coxswain.controlplane.api;

import io.coxswain.protocol.status.ApiStatus;
import io.coxswain.protocol.status.ClientErrors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every HTTP request to a master: the fixed documents (version, discovery,
 * OpenAPI, health) here, objects in {@link ObjectRoutes}, metrics.k8s.io in {@link MetricsRoutes}.
 * Every failure leaves as a Kubernetes Status; a client mistake is never a 500, and a 500 is
 * never a client mistake.
 */
final class ApiHandler implements Function<HttpRequest, CompletionStage<HttpResponse>> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final ObjectRoutes objects;
    private final MetricsRoutes metrics;
    private final ReadinessChecks readiness;
    private final java.util.function.Supplier<CompletionStage<java.util.List<String>>> hostedControllers;

    ApiHandler(ObjectRoutes objects, MetricsRoutes metrics, ReadinessChecks readiness,
               java.util.function.Supplier<CompletionStage<java.util.List<String>>> hostedControllers) {
        this.objects = objects;
        this.metrics = metrics;
        this.readiness = readiness;
        this.hostedControllers = hostedControllers;
    }

    @Override
    public CompletionStage<HttpResponse> apply(HttpRequest request) {
        CompletionStage<HttpResponse> response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.exceptionally(failure -> {
            request.discardEntityBytes(objects.materializer());
            return errorResponse(request, failure);
        });
    }

    private CompletionStage<HttpResponse> route(HttpRequest request) {
        String path = request.getUri().path();
        boolean get = request.method().equals(HttpMethods.GET);
        switch (path) {
            case "/version", "/version/" -> {
                return done(Responses.json(200, Discovery.version(), false));
            }
            case "/api", "/api/" -> {
                return done(Responses.json(200, Discovery.coreVersions(), false));
            }
            case "/apis", "/apis/" -> {
                return done(Responses.json(200, Discovery.groups(), false));
            }
            case "/healthz", "/livez" -> {
                return done(HttpResponse.create().withEntity("ok"));
            }
            case "/readyz", "/readyz/" -> {
                // kube-apiserver takes ?verbose with or without a value.
                var query = request.getUri().query();
                return readiness.respond(null, query.get("verbose").isPresent()
                        && !query.get("verbose").get().equals("false"));
            }
            case "/debug/controllers" -> {
                // Not Kubernetes: which controllers run on this master now ("Kind namespace/name"
                // per line), so an operator — or a test — can kill the master of a given one.
                return hostedControllers.get().thenApply(ids -> HttpResponse.create().withEntity(
                        ids.stream().sorted().map(id -> id + "\n").collect(java.util.stream.Collectors.joining())));
            }
            case "/openapi/v3", "/openapi/v3/" -> {
                // No published schemas yet: kubectl then skips client-side validation, and the
                // server applies fieldValidation itself.
                return done(Responses.json(200, "{\"paths\":{}}"));
            }
            case "/openapi/v2" -> {
                return done(Responses.json(200, ""));
            }
            default -> { }
        }
        if (path.startsWith("/readyz/")) {
            return readiness.respond(path.substring("/readyz/".length()), false);
        }
        if (MetricsRoutes.serves(path)) {
            return metrics.handle(request);
        }
        if (path.startsWith("/apis/") && get && path.split("/").length == 3) {
            String group = path.split("/")[2];
            var versions = io.coxswain.protocol.resource.ResourceTypes.byGroupAndVersion().get(group);
            if (versions != null && !group.isEmpty()) {
                return done(Responses.json(200, Discovery.group(group, versions.keySet().iterator().next()), false));
            }
        }
        var parsed = ApiPath.parse(path);
        if (parsed.isEmpty()) {
            throw ApiStatus.notFound("the server could not find the requested resource").exception();
        }
        ApiPath apiPath = parsed.get();
        if (apiPath.isDiscovery()) {
            var resources = Discovery.resources(apiPath.group(), apiPath.version());
            if (resources == null || !get) {
                throw ApiStatus.notFound("the server could not find the requested resource").exception();
            }
            return done(Responses.json(200, resources, false));
        }
        return objects.handle(request, apiPath);
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /**
     * The Status a failed request is answered with: the client's mistakes (refusals and input that
     * does not parse, {@link ClientErrors}) with their 4xx; anything else is a bug of ours, a 500
     * logged with its stack trace so that it can be found.
     */
    static HttpResponse errorResponse(HttpRequest request, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        var refused = ClientErrors.statusOf(cause);
        if (refused.isPresent()) {
            return Responses.status(refused.get());
        }
        if (cause instanceof EntityStreamSizeException size) {
            return Responses.status(ApiStatus.tooLarge(size.limit()));
        }
        if (cause instanceof TimeoutException) {
            return Responses.status(ApiStatus.timeout("the request did not complete in time; retry"));
        }
        LOG.error("Request {} {} failed", request.method().name(), request.getUri(), cause);
        return Responses.status(ApiStatus.internal(cause));
    }
}
