package io.coxswain.bench;

import io.coxswain.it.Await;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Records, through one watch on a namespace, when each pod was first seen at all, bound to a node,
 * Running and Ready ({@link System#nanoTime()} on arrival of the event), as a client sees it; and,
 * armed with {@link #expect}, when the first event came that shows a pod as awaited.
 */
final class PodWatch implements AutoCloseable {
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Map<String, Long> bound = new ConcurrentHashMap<>();
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Map<String, Long> ready = new ConcurrentHashMap<>();
    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    private final Watch watch;
    private volatile Predicate<Pod> awaited;
    private volatile CompletableFuture<Long> match = new CompletableFuture<>();
    private volatile WatcherException closedBy;

    PodWatch(KubernetesClient client, String namespace) {
        this(client, namespace, null);
    }

    /** With a {@code timeoutSeconds} for the server (its default ends a watch after 30 minutes). */
    PodWatch(KubernetesClient client, String namespace, Long timeoutSeconds) {
        ListOptions options = new ListOptionsBuilder().withTimeoutSeconds(timeoutSeconds).build();
        this.watch = client.pods().inNamespace(namespace).watch(options, new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                long now = System.nanoTime();
                String name = pod.getMetadata().getName();
                seen.putIfAbsent(name, now);
                String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                if (node != null && !node.isEmpty()) {
                    bound.putIfAbsent(name, now);
                    nodes.putIfAbsent(name, node);
                }
                if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                    running.putIfAbsent(name, now);
                }
                if (isReady(pod)) {
                    ready.putIfAbsent(name, now);
                }
                Predicate<Pod> condition = awaited;
                if (condition != null && condition.test(pod)) {
                    match.complete(now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the benchmark's own deadline reports what did not arrive; this says why, if it was this
                closedBy = cause;
            }
        });
    }

    /** When each pod was first seen (its creation, as the watch reports it). */
    Map<String, Long> seen() {
        return seen;
    }

    Map<String, Long> bound() {
        return bound;
    }

    Map<String, Long> running() {
        return running;
    }

    /** When each pod was first seen Ready (not being deleted). */
    Map<String, Long> ready() {
        return ready;
    }

    /** The node each pod was bound to. */
    Map<String, String> nodes() {
        return nodes;
    }

    /** Waits until {@code count} pods have been seen Running; false when {@code seconds} ran out first. */
    boolean awaitRunning(int count, int seconds) throws InterruptedException {
        // the times measured are the events' arrival, recorded above: how often this looks does not change them
        return Await.poll(running::size, size -> size >= count, seconds).met();
    }

    /**
     * Arms a wait for the first event showing a pod that {@code condition} holds for: called before the action it
     * follows (a kill, a delete), so that no event can slip by in between. Replaces an earlier one.
     */
    void expect(Predicate<Pod> condition) {
        match = new CompletableFuture<>();
        awaited = condition;
    }

    /**
     * The arrival ({@link System#nanoTime()}) of the event {@link #expect} armed for; fails, saying {@code what} was
     * awaited (and why the watch ended, if it did), when none came within {@code seconds}.
     */
    long awaitExpected(String what, int seconds) throws InterruptedException {
        try {
            return match.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waited " + seconds + " s for " + what + ": no such event"
                    + (closedBy == null ? "" : "; the watch ended with: " + closedBy));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            awaited = null;
        }
    }

    /** Ready as a user counts it: the Ready condition true, and not on its way out. */
    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        watch.close();
    }
}
