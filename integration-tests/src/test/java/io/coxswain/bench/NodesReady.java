package io.coxswain.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/** Waits until the cluster has as many Ready nodes as the benchmark needs. */
final class NodesReady {
    private NodesReady() {}

    static void await(KubernetesClient client, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long ready = 0;
        while (System.nanoTime() < deadline) {
            ready = client.nodes().list().getItems().stream().filter(NodesReady::ready).count();
            if (ready >= count) {
                return;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("only " + ready + " of " + count + " nodes Ready after " + seconds + " s");
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
