package io.coxswain.controlplane.scheduler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' wording for a pod no node fits ({@code FitError.Error()} in kube-scheduler's
 * {@code framework/types.go}): {@code 0/5 nodes are available: 1 node(s) had untolerated taint
 * {dedicated: gpu}, 2 Insufficient cpu.} Each reason is counted over the nodes, written as
 * "count reason", and the entries are sorted as plain strings — Go's {@code sort.Strings} — not by
 * count: "1 …" precedes "2 …", and "10 …" falls between them.
 */
final class FitErrorMessage {

    static final String NO_NODES = "no nodes available to schedule pods";

    private FitErrorMessage() {}

    static String of(int nodeCount, Collection<List<String>> reasonsPerNode) {
        Map<String, Integer> counts = new TreeMap<>();
        reasonsPerNode.forEach(reasons -> reasons.forEach(reason -> counts.merge(reason, 1, Integer::sum)));
        List<String> entries = counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .sorted()
                .toList();
        String message = "0/" + nodeCount + " nodes are available:";
        return entries.isEmpty() ? message : message + " " + String.join(", ", entries) + ".";
    }
}
