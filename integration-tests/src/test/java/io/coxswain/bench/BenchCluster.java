package io.coxswain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of a benchmark's own, started with {@code bin/coxswain up} in a home under
 * integration-tests/target and stopped with {@code bin/coxswain down} (by PID) when closed.
 */
final class BenchCluster implements AutoCloseable {
    private final Path root;
    private final Path home;
    private final Map<String, String> env;
    private Map<String, String> clusterEnv = Map.of();
    private volatile boolean started;
    private final Thread stopOnExit = new Thread(this::downQuietly, "bench-cluster-down");

    BenchCluster(String name, int portBase) {
        this.root = Path.of(System.getProperty("coxswain.root", ".")).toAbsolutePath().normalize();
        this.home = root.resolve("integration-tests/target/" + name);
        this.env = Map.of("COXSWAIN_HOME", home.toString(), "COXSWAIN_SKIP_BUILD", "1",
                "COXSWAIN_PORT_BASE", Integer.toString(portBase));
    }

    /** Starts it with {@code bin/coxswain up ARGS}; returns the seconds until every master's API answered. */
    double up(String... args) throws IOException, InterruptedException {
        deleteRecursively(home);
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("up"));
        command.addAll(List.of(args));
        started = true;
        // Interrupted (Ctrl-C, kill): the cluster goes down all the same.
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        run(command.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        clusterEnv = readEnv(home.resolve("cluster.env"));
        return seconds;
    }

    /** http://127.0.0.1:PORT of every master. */
    List<String> masters() {
        List<String> urls = new ArrayList<>();
        for (int i = 1; clusterEnv.containsKey("MASTER_" + i + "_HTTP_PORT"); i++) {
            urls.add("http://127.0.0.1:" + clusterEnv.get("MASTER_" + i + "_HTTP_PORT"));
        }
        return urls;
    }

    /** The label value ({@code io.coxswain.cluster}) on every container this cluster's docker workers make. */
    String clusterId() {
        return clusterEnv.getOrDefault("CLUSTER_ID", "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            run("down");
        }
    }

    private void downQuietly() {
        try {
            if (started) {
                run("down");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bin/coxswain down failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/coxswain").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/coxswain " + String.join(" ", args) + " failed");
        }
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
