package io.coxswain.controlplane.nodes;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * When each node last said it was alive through a lease ({@code NodeLeases.Renew}), by the
 * controller's own clock, as kube-controller-manager records when it observed a node's lease.
 * In memory only: a controller that starts (or moves to another master) knows no renewal yet, so
 * it counts every node as renewed when it started and marks none silent before a grace period has
 * passed — by then every live node has renewed again.
 */
final class NodeLeaseTable {
    private final Instant startedAt;
    private final Map<String, Instant> renewed = new HashMap<>();

    NodeLeaseTable(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void renew(Collection<String> nodeNames, Instant now) {
        nodeNames.forEach(name -> renewed.put(name, now));
    }

    /** The node's last renewal, or the controller's start when it has not renewed since. */
    Instant lastRenewal(String nodeName) {
        return renewed.getOrDefault(nodeName, startedAt);
    }
}
