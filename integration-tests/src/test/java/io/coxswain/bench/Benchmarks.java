package io.coxswain.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/coxswain bench [api|scheduling|startup|controllers|all]}: each benchmark runs on a cluster of its
 * own, started and stopped here. Scheduling and startup share one (three masters, one worker on
 * {@code bench.runtime}, one JVM of {@code bench.simulated-nodes} simulated nodes); startup runs
 * first, on a quiet cluster. Controllers has one of its own (three masters, two docker workers, the
 * simulated nodes) and is not part of {@code all}: it needs the Docker engine, switches it to swarm mode
 * for a while, and takes long.
 */
public final class Benchmarks {
    private static final int SIMULATED_NODES = Integer.getInteger("bench.simulated-nodes", 100);
    private static final String RUNTIME = System.getProperty("bench.runtime", "process");

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        if (!Set.of("api", "scheduling", "startup", "controllers", "all").contains(which)) {
            System.err.println("usage: bin/coxswain bench [api|scheduling|startup|controllers|all] [-Dbench.…=…]");
            System.exit(2);
        }
        if (which.equals("controllers")) {
            // A figure that failed is in the report; the exit status says so too.
            System.exit(controllers() ? 0 : 1);
        }
        boolean scheduling = which.equals("scheduling") || which.equals("all");
        boolean startup = which.equals("startup") || which.equals("all");
        if (scheduling || startup) {
            workloads(scheduling, startup);
        }
        if (which.equals("api") || which.equals("all")) {
            ApiLatencyBenchmark.main(new String[0]);
        }
    }

    /** Returns whether every figure was measured. */
    private static boolean controllers() throws Exception {
        try (BenchCluster cluster = new BenchCluster("bench-controllers", 28500)) {
            cluster.up("--masters", "3", "--workers", "2", "--runtime", "docker",
                    "--simulated-nodes", Integer.toString(SIMULATED_NODES));
            PodLoad load = new PodLoad(cluster.masters());
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.masters().get(0))
                    .withRequestTimeout(60_000).build();
            ControllersReport report;
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                NodesReady.await(client, 2 + SIMULATED_NODES, 300);
                report = ControllersBenchmark.run(client, load, cluster.clusterId(), SIMULATED_NODES);
            }
            report.publish(Path.of(System.getProperty("coxswain.root", ".")).toAbsolutePath().normalize());
            return !report.anyFailed();
        }
    }

    private static void workloads(boolean scheduling, boolean startup) throws Exception {
        try (BenchCluster cluster = new BenchCluster("bench-workloads", 28300)) {
            List<String> up = new ArrayList<>(List.of("--masters", "3", "--workers", startup ? "1" : "0",
                    "--runtime", RUNTIME, "--simulated-nodes", scheduling ? Integer.toString(SIMULATED_NODES) : "0"));
            cluster.up(up.toArray(String[]::new));
            PodLoad load = new PodLoad(cluster.masters());
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.masters().get(0))
                    .withRequestTimeout(60_000).build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                NodesReady.await(client, (startup ? 1 : 0) + (scheduling ? SIMULATED_NODES : 0), 180);
                if (startup) {
                    StartupBenchmark.run(client, load, RUNTIME);
                }
                if (scheduling) {
                    SchedulingBenchmark.run(client, load, SIMULATED_NODES);
                }
            }
        }
    }
}
