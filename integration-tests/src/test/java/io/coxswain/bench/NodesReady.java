package io.coxswain.bench;

import io.coxswain.it.Await;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Waits until the cluster has as many Ready nodes as the benchmark needs. */
final class NodesReady {
    private NodesReady() {}

    /** A list that fails (a master still starting) is only "not yet"; at the deadline it reports the last of both. */
    static void await(KubernetesClient client, int count, int seconds) throws InterruptedException {
        Await.Outcome<Long> ready = Await.poll(() -> client.nodes().list().getItems().stream()
                .filter(NodesReady::ready).count(), n -> n >= count, seconds);
        if (!ready.met()) {
            throw new IllegalStateException(ready.describe(count + " Ready nodes"), ready.lastFailure());
        }
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
