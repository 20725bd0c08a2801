package io.coxswain.controlplane.api;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.ObjectFilter;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.FieldSelector;
import io.coxswain.protocol.selector.LabelSelector;
import io.coxswain.protocol.selector.SupportedFields;
import io.coxswain.protocol.status.ApiStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code /apis/metrics.k8s.io/v1beta1}: what metrics-server serves, so that {@code kubectl top} works. Nodes and
 * pods are chosen from this master's watch cache (namespace, label and field selectors), their usage is the node
 * agents' latest sample ({@link NodeAgentUsage}). As with metrics-server, a node or pod without a sample yet is
 * left out of lists, and getting it is 404. Read-only: no watch, no writes.
 */
final class MetricsRoutes {
    private static final String PREFIX = "/apis/" + MetricsDocuments.GROUP;
    /** The resources metrics-server names in its NotFound messages ({@code podmetrics.metrics.k8s.io "ns/x"}). */
    private static final ResourceType NODE_METRICS = new ResourceType(MetricsDocuments.GROUP,
            MetricsDocuments.VERSION, "NodeMetrics", "nodemetrics", "", false, List.of(), List.of(), List.of());
    private static final ResourceType POD_METRICS = new ResourceType(MetricsDocuments.GROUP,
            MetricsDocuments.VERSION, "PodMetrics", "podmetrics", "", true, List.of(), List.of(), List.of());

    private final ClusterGateway cluster;
    private final NodeAgentUsage agents;
    private final Clock clock;

    MetricsRoutes(ClusterGateway cluster, NodeAgentUsage agents, Clock clock) {
        this.cluster = cluster;
        this.agents = agents;
        this.clock = clock;
    }

    static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    CompletionStage<HttpResponse> handle(HttpRequest request) {
        List<String> segments = Arrays.stream(request.getUri().path().substring(PREFIX.length()).split("/"))
                .filter(s -> !s.isEmpty()).toList();
        if (!request.method().equals(HttpMethods.GET)) {
            throw ApiStatus.methodNotAllowed("the server does not allow this method on the requested resource")
                    .exception();
        }
        Answer answer = Answer.to(request);
        if (segments.isEmpty()) {
            return done(Responses.json(200, Discovery.group(MetricsDocuments.GROUP, MetricsDocuments.VERSION), false));
        }
        if (!segments.get(0).equals(MetricsDocuments.VERSION)) {
            throw notFound();
        }
        List<String> rest = segments.subList(1, segments.size());
        if (rest.isEmpty()) {
            return done(Responses.json(200, Discovery.metricsResources(), false));
        }
        Query query = new Query(request.getUri().query());
        if (query.flag("watch")) {
            throw ApiStatus.methodNotAllowed("watch is not supported on metrics.k8s.io resources").exception();
        }
        if (rest.get(0).equals("nodes") && rest.size() <= 2) {
            return rest.size() == 1 ? listNodes(query, answer) : getNode(rest.get(1), answer);
        }
        if (rest.get(0).equals("pods") && rest.size() == 1) {
            return listPods("", query, answer);
        }
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && rest.size() <= 4 && rest.get(2).equals("pods")) {
            return rest.size() == 3 ? listPods(rest.get(1), query, answer)
                    : getPod(rest.get(1), rest.get(3), answer);
        }
        throw notFound();
    }

    private CompletionStage<HttpResponse> listNodes(Query query, Answer answer) {
        return list(ResourceTypes.NODE, "", query).thenCombine(agents.latest(), (nodes, usage) -> {
            long now = clock.millis();
            List<MetricsDocuments.Item> items = new ArrayList<>();
            for (CachedObject node : nodes) {
                usage.node(node.name()).ifPresent(u -> items.add(MetricsDocuments.Item.of(u, node.object(), now)));
            }
            return answer.list("NodeMetrics", items);
        });
    }

    private CompletionStage<HttpResponse> listPods(String namespace, Query query, Answer answer) {
        return list(ResourceTypes.POD, namespace, query).thenCombine(agents.latest(), (pods, usage) -> {
            long now = clock.millis();
            List<MetricsDocuments.Item> items = new ArrayList<>();
            for (CachedObject pod : pods) {
                usage.pod(uid(pod)).ifPresent(u -> items.add(MetricsDocuments.Item.of(u, pod.object(), now)));
            }
            return answer.list("PodMetrics", items);
        });
    }

    private CompletionStage<HttpResponse> getNode(String name, Answer answer) {
        return cluster.lookup(ResourceTypes.NODE, name).thenCombine(agents.latest(), (node, usage) ->
                answer.one(node.flatMap(n -> usage.node(n.name())
                                .map(u -> MetricsDocuments.Item.of(u, n.object(), clock.millis())))
                        .orElseThrow(() -> ApiStatus.notFound(NODE_METRICS, name).exception())));
    }

    private CompletionStage<HttpResponse> getPod(String namespace, String name, Answer answer) {
        String key = ApiObjectEntity.entityId(ResourceTypes.POD, namespace, name);
        return cluster.lookup(ResourceTypes.POD, key).thenCombine(agents.latest(), (pod, usage) ->
                answer.one(pod.flatMap(p -> usage.pod(uid(p))
                                .map(u -> MetricsDocuments.Item.of(u, p.object(), clock.millis())))
                        .orElseThrow(() -> ApiStatus.notFound(POD_METRICS, key).exception())));
    }

    /** The body in the form the client asked for: JSON (or YAML), or a Table for kubectl get. */
    private record Answer(boolean table, boolean yaml) {
        static Answer to(HttpRequest request) {
            return new Answer(Negotiation.wantsTable(request), Negotiation.wantsYaml(request));
        }

        HttpResponse list(String kind, List<MetricsDocuments.Item> items) {
            return Responses.json(200, table ? MetricsDocuments.table(items)
                    : MetricsDocuments.list(kind, items.stream().map(MetricsDocuments.Item::object).toList()), yaml);
        }

        HttpResponse one(MetricsDocuments.Item item) {
            return Responses.json(200, table ? MetricsDocuments.table(List.of(item)) : item.object(), yaml);
        }
    }

    /** The nodes or pods the request selects, from this master's cache as it is (metrics need no read-your-writes). */
    private CompletionStage<List<CachedObject>> list(ResourceType type, String namespace, Query query) {
        FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
        SupportedFields.requireSupported(type.kind(), fields);
        ObjectFilter filter = new ObjectFilter(type.entityTypeName(), namespace,
                LabelSelector.parse(query.get("labelSelector")), fields);
        return cluster.list(filter, 0, 0, null).thenApply(result -> result.items());
    }

    private static String uid(CachedObject pod) {
        return Optional.ofNullable(pod.object().path("metadata").path("uid").textValue()).orElse("");
    }

    private static RuntimeException notFound() {
        return ApiStatus.notFound("the server could not find the requested resource").exception();
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
