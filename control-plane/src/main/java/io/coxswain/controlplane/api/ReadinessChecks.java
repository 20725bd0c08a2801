package io.coxswain.controlplane.api;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /readyz} as kube-apiserver answers it: named checks, {@code [+]name ok} or
 * {@code [-]name failed: reason}, 200 when all pass and 500 otherwise; {@code ?verbose} shows each
 * check and its reason, {@code /readyz/NAME} runs one. Ready means this master can serve a
 * consistent list now: it is an Up member, its watch cache is loaded and has every change the
 * cluster has handed a version to, and the built-in namespaces exist.
 */
final class ReadinessChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessChecks.class);

    record Result(String name, Optional<String> failure) {
        static Result ok(String name) {
            return new Result(name, Optional.empty());
        }

        static Result failed(String name, String reason) {
            return new Result(name, Optional.of(reason));
        }
    }

    private final ClusterGateway cluster;
    private final Duration checkTimeout;

    ReadinessChecks(ClusterGateway cluster, Duration checkTimeout) {
        this.cluster = cluster;
        this.checkTimeout = checkTimeout;
    }

    static final List<String> NAMES = List.of("ping", "cluster-membership", "watch-cache", "builtin-namespaces");

    /** The HTTP answer to {@code /readyz} ({@code only} = null) or {@code /readyz/only}. */
    CompletionStage<HttpResponse> respond(String only, boolean verbose) {
        if (only != null && !NAMES.contains(only)) {
            return CompletableFuture.completedFuture(HttpResponse.create().withStatus(404)
                    .withEntity(ContentTypes.TEXT_PLAIN_UTF8, "404 page not found\n"));
        }
        return run().thenApply(results -> {
            List<Result> shown = only == null ? results
                    : results.stream().filter(r -> r.name().equals(only)).toList();
            boolean passed = shown.stream().allMatch(r -> r.failure().isEmpty());
            if (only != null) {
                return answer(passed, passed ? "ok" : "[-]" + only + " failed: " + shown.get(0).failure().get()
                        + "\nreadyz check failed\n");
            }
            if (passed && !verbose) {
                return answer(true, "ok");
            }
            StringBuilder body = new StringBuilder();
            for (Result result : shown) {
                body.append(result.failure().isEmpty() ? "[+]" + result.name() + " ok"
                        : "[-]" + result.name() + " failed: " + (verbose ? result.failure().get() : "reason withheld"))
                        .append('\n');
            }
            if (!passed) {
                LOG.info("Not ready: {}", shown.stream().filter(r -> r.failure().isPresent())
                        .map(r -> r.name() + ": " + r.failure().get()).toList());
            }
            body.append(passed ? "readyz check passed\n" : "readyz check failed\n");
            return answer(passed, body.toString());
        });
    }

    private static HttpResponse answer(boolean passed, String body) {
        return HttpResponse.create().withStatus(passed ? 200 : 500).withEntity(ContentTypes.TEXT_PLAIN_UTF8, body);
    }

    /** Every check, in {@link #NAMES} order. */
    CompletionStage<List<Result>> run() {
        Result membership = membership();
        return cacheState().thenCompose(state -> watchCache(state).thenCompose(cache ->
                namespaces(state).thenApply(namespaces -> {
                    List<Result> results = new ArrayList<>();
                    results.add(Result.ok("ping"));
                    results.add(membership);
                    results.add(cache);
                    results.add(namespaces);
                    return results;
                })));
    }

    private Result membership() {
        var self = Cluster.get(cluster.system()).selfMember();
        return self.status() == MemberStatus.up()
                ? Result.ok("cluster-membership")
                : Result.failed("cluster-membership", "this master is " + self.status() + " in the cluster, not Up");
    }

    private CompletionStage<Optional<WatchCache.State>> cacheState() {
        return AskPattern.ask(cluster.cache(), (ActorRef<WatchCache.State> replyTo) -> new WatchCache.GetState(replyTo),
                        checkTimeout, cluster.system().scheduler())
                .handle((state, failure) -> Optional.ofNullable(state));
    }

    /**
     * Loaded, and caught up: the cache reaches the newest version handed out anywhere (what a
     * list without resourceVersion waits for) within the check's time.
     */
    private CompletionStage<Result> watchCache(Optional<WatchCache.State> found) {
        if (found.isEmpty()) {
            return done(Result.failed("watch-cache", "the watch cache did not answer in " + checkTimeout.toMillis()
                    + " ms"));
        }
        WatchCache.State state = found.get();
        long seconds = Duration.between(state.phaseSince(), Instant.now()).toSeconds();
        if (!state.phase().equals("READY")) {
            return done(Result.failed("watch-cache", switch (state.phase()) {
                case "SUBSCRIBING" -> "subscribing to the resource version sequencer for " + seconds + " s";
                default -> "loading every object from its entity for " + seconds + " s";
            }));
        }
        return cluster.highestAllocatedOnce(checkTimeout).handle((highest, failure) -> {
            if (failure != null) {
                return done(Result.failed("watch-cache", "the resource version sequencer did not answer in "
                        + checkTimeout.toMillis() + " ms"));
            }
            if (state.watermark() >= highest) {
                return done(Result.ok("watch-cache"));
            }
            return cluster.awaitVersion(highest, checkTimeout).handle((reached, late) -> late == null
                    ? Result.ok("watch-cache")
                    : Result.failed("watch-cache", "behind the cluster: has changes up to version "
                            + state.watermark() + ", the cluster has handed out " + highest
                            + " and it did not catch up in " + checkTimeout.toMillis() + " ms"));
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<Result> namespaces(Optional<WatchCache.State> state) {
        if (state.isEmpty() || !state.get().phase().equals("READY")) {
            return done(Result.failed("builtin-namespaces", "waiting for the watch cache"));
        }
        return cluster.lookup(ResourceTypes.NAMESPACE, "default", checkTimeout)
                .handle((found, failure) -> failure == null && found.isPresent()
                        ? Result.ok("builtin-namespaces")
                        : Result.failed("builtin-namespaces", "namespace \"default\" does not exist yet"));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
