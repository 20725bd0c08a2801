package io.coxswain.bench;

import io.coxswain.it.Await;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, through one watch on a namespace, when each pod was first seen bound to a node and when
 * first seen Running ({@link System#nanoTime()} on arrival of the event), as a client sees it.
 */
final class PodWatch implements AutoCloseable {
    private final Map<String, Long> bound = new ConcurrentHashMap<>();
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    private final Watch watch;

    PodWatch(KubernetesClient client, String namespace) {
        this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                long now = System.nanoTime();
                String name = pod.getMetadata().getName();
                String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                if (node != null && !node.isEmpty()) {
                    bound.putIfAbsent(name, now);
                    nodes.putIfAbsent(name, node);
                }
                if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                    running.putIfAbsent(name, now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the benchmark's own deadline reports what did not arrive
            }
        });
    }

    Map<String, Long> bound() {
        return bound;
    }

    Map<String, Long> running() {
        return running;
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

    @Override
    public void close() {
        watch.close();
    }
}
