package io.coxswain.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scheduling throughput: {@code bench.scheduling.pods} pods (default 2,000) that tolerate the simulated nodes'
 * taint and select them are created with {@code bench.clients} concurrent clients; pods bound per second are
 * counted from the first create to the last {@code spec.nodeName} seen through a watch. Time to every pod
 * Running (the simulated runtime starts them at once) and how evenly they spread are reported too. Then, unless
 * {@code -Dbench.scheduling.burst=false}, the same number of pods again as a burst the scheduler meets all at once
 * (see {@link #burst}).
 */
final class SchedulingBenchmark {
    static final String NAMESPACE = "bench-scheduling";
    private static final int PODS = Integer.getInteger("bench.scheduling.pods", 2000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    private static final boolean BURST = Boolean.parseBoolean(System.getProperty("bench.scheduling.burst", "true"));

    private SchedulingBenchmark() {}

    static String manifest() {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"$NAME\",\"labels\":{\"app\":\"sched\"}},"
                + "\"spec\":{\"nodeSelector\":{\"coxswain.io/simulated\":\"true\"},"
                + "\"tolerations\":[{\"key\":\"coxswain.io/simulated\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}],"
                + "\"containers\":[{\"name\":\"main\",\"image\":\"coxswain/busybox:1\",\"command\":[\"sleep\",\"3600\"],"
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}]}}";
    }

    static void run(KubernetesClient client, PodLoad load, int simulatedNodes) throws Exception {
        load.createNamespace(NAMESPACE);
        try (PodWatch watch = new PodWatch(client, NAMESPACE)) {
            TimeUnit.SECONDS.sleep(1); // the watch is established before the first create
            long t0 = System.nanoTime();
            load.create(NAMESPACE, "sched", PODS, CLIENTS, i -> manifest());
            double created = seconds(t0, System.nanoTime());
            boolean allRunning = watch.awaitRunning(PODS, 600);
            long lastBound = watch.bound().values().stream().mapToLong(Long::longValue).max().orElse(t0);
            long firstBound = watch.bound().values().stream().mapToLong(Long::longValue).min().orElse(t0);
            long lastRunning = watch.running().values().stream().mapToLong(Long::longValue).max().orElse(t0);
            Map<String, Long> perNode = watch.nodes().values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            System.out.printf("%nscheduling: %d pods onto %d simulated nodes, %d clients%n", PODS, simulatedNodes,
                    CLIENTS);
            System.out.printf("  created in %.1f s (%.0f creates/s)%n", created, PODS / created);
            System.out.printf("  bound: %d pods, first create -> last bound %.1f s = %.0f pods bound/s "
                            + "(first bound -> last bound: %.0f pods/s)%n", watch.bound().size(),
                    seconds(t0, lastBound), watch.bound().size() / seconds(t0, lastBound),
                    watch.bound().size() / Math.max(seconds(firstBound, lastBound), 1e-3));
            System.out.printf("  running: %d pods, first create -> all Running %.1f s%s%n", watch.running().size(),
                    seconds(t0, lastRunning), allRunning ? "" : " (NOT ALL RUNNING within 600 s)");
            System.out.printf("  spread: %d nodes used, %s pods per node%n", perNode.size(), minMax(perNode.values()));
        }
        if (BURST) {
            burst(client, load, simulatedNodes);
        }
    }

    /**
     * The scheduler alone, without the create path setting the pace: the simulated nodes are cordoned, the pods
     * created (they stay Pending, Unschedulable), then the nodes uncordoned at once; measured from the first
     * uncordon to the last pod seen bound. The first nodes uncordoned take more of the pods than the last.
     */
    private static void burst(KubernetesClient client, PodLoad load, int simulatedNodes) throws Exception {
        String namespace = NAMESPACE + "-burst";
        load.createNamespace(namespace);
        List<String> nodes = client.nodes().withLabel("coxswain.io/simulated", "true").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).toList();
        load.patchNodes(nodes, "{\"spec\":{\"unschedulable\":true}}", CLIENTS);
        try (PodWatch watch = new PodWatch(client, namespace)) {
            TimeUnit.SECONDS.sleep(1);
            load.create(namespace, "burst", PODS, CLIENTS, i -> manifest());
            TimeUnit.SECONDS.sleep(2); // the scheduler has seen them all and found no node
            int boundBefore = watch.bound().size();
            long t0 = System.nanoTime();
            load.patchNodes(nodes, "{\"spec\":{\"unschedulable\":null}}", CLIENTS);
            double uncordoned = seconds(t0, System.nanoTime());
            boolean allRunning = watch.awaitRunning(PODS, 600);
            long lastBound = watch.bound().values().stream().mapToLong(Long::longValue).max().orElse(t0);
            long lastRunning = watch.running().values().stream().mapToLong(Long::longValue).max().orElse(t0);
            Map<String, Long> perNode = watch.nodes().values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            System.out.printf("%nscheduling burst: %d pending pods, %d simulated nodes uncordoned at once "
                    + "(%.1f s for the %d uncordons)%n", PODS, simulatedNodes, uncordoned, nodes.size());
            System.out.printf("  bound: %d pods (%d before), first uncordon -> last bound %.1f s = %.0f pods bound/s%n",
                    watch.bound().size(), boundBefore, seconds(t0, lastBound),
                    watch.bound().size() / seconds(t0, lastBound));
            System.out.printf("  running: %d pods, first uncordon -> all Running %.1f s%s%n", watch.running().size(),
                    seconds(t0, lastRunning), allRunning ? "" : " (NOT ALL RUNNING within 600 s)");
            System.out.printf("  spread: %d nodes used, %s pods per node%n", perNode.size(), minMax(perNode.values()));
        }
    }

    private static String minMax(Collection<Long> counts) {
        long min = counts.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        return min == max ? Long.toString(min) : min + "–" + max;
    }

    static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
