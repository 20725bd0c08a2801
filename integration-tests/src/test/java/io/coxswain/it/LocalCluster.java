package io.coxswain.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real local cluster — a Cassandra, three master JVMs, two workers with the docker runtime and one
 * with the process runtime ({@link #PROCESS_NODE}) — started with {@code bin/coxswain up},
 * exactly as a user starts it, and shared by every integration test class of the run (starting one per
 * class would take minutes each); each class keeps to a namespace of its own ({@link TestNamespace}), so
 * one class's leftovers never meet another's objects. Nodes carry
 * the label {@code coxswain.io/runtime}, so tests that need one runtime pin their pods with a
 * nodeSelector. It lives in
 * its own {@code COXSWAIN_HOME} under target/, so a user's cluster is never touched, and is
 * stopped with {@code bin/coxswain down} (by PID) when the run ends; the containers its docker
 * workers leave are then removed by the cluster's label (never by a broad pattern).
 */
public final class LocalCluster implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    public static final int MASTERS = 3;
    public static final int DOCKER_WORKERS = 2;
    public static final int PROCESS_WORKERS = 1;
    public static final int WORKERS = DOCKER_WORKERS + PROCESS_WORKERS;
    /** The worker with the process runtime: the last one. */
    public static final String PROCESS_NODE = "worker-" + WORKERS;
    public static final String RUNTIME_LABEL = "coxswain.io/runtime";
    /** Virtual nodes hosted by one more worker JVM (tainted: only pods that tolerate it go there). */
    public static final int SIMULATED_NODES = 100;
    public static final String SIMULATED_WORKER = "worker-" + (WORKERS + 1);
    /** Shortened from Kubernetes' 40 s so NodeIT sees a silent node go NotReady quickly. */
    public static final int NODE_GRACE_SECONDS = 8;
    private static LocalCluster instance;
    /** Set when starting failed: later test classes fail at once instead of starting another cluster. */
    private static IllegalStateException startFailure;

    private final Path root;
    private final Path home;
    private Map<String, String> env = Map.of();

    private LocalCluster(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    /** Used by {@code @ExtendWith(LocalCluster.class)}: JUnit makes one per class, all share the cluster. */
    public LocalCluster() {
        this(null, null);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalCluster.class) {
            if (startFailure != null) {
                throw startFailure;
            }
            if (instance == null) {
                Path root = Path.of(System.getProperty("coxswain.root", "..")).toAbsolutePath().normalize();
                Path home = root.resolve("integration-tests/target/it-cluster");
                deleteRecursively(home);
                LocalCluster cluster = new LocalCluster(root, home);
                try {
                    cluster.up();
                } catch (IllegalStateException e) {
                    // up leaves what it started running for inspection; a test run must not.
                    cluster.downQuietly();
                    startFailure = e;
                    throw e;
                }
                instance = cluster;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("coxswain-cluster", cluster);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::downQuietly));
            }
        }
    }

    public static LocalCluster get() {
        if (instance == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(LocalCluster.class)");
        }
        return instance;
    }

    @Override
    public void close() {
        downQuietly();
    }

    public void up() {
        Result result = coxswain("up", "--masters", Integer.toString(MASTERS),
                "--workers", Integer.toString(DOCKER_WORKERS), "--runtime", "docker",
                "--process-workers", Integer.toString(PROCESS_WORKERS),
                "--simulated-nodes", Integer.toString(SIMULATED_NODES));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bin/coxswain up failed:\n" + result.stdout() + result.stderr());
        }
        env = readClusterEnv();
    }

    public void down() {
        Result result = coxswain("down");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bin/coxswain down failed:\n" + result.stdout() + result.stderr());
        }
    }

    private void downQuietly() {
        if (Files.exists(home.resolve("cluster.env"))) {
            coxswain("down");
            removeContainers();
        }
    }

    /** The label value that marks every container this cluster's docker workers made. */
    public String clusterId() {
        return env.isEmpty() ? readClusterEnv().getOrDefault("CLUSTER_ID", "") : env.getOrDefault("CLUSTER_ID", "");
    }

    /** Containers (of this cluster only) on the Docker engine matching {@code label=value}, e.g. a pod's uid. */
    public List<String> containers(String label, String value) {
        return dockerPs(label, value, "{{.ID}}");
    }

    /** As {@link #containers}, but each container's name and state, for failure messages. */
    public List<String> containerNamesAndStates(String label, String value) {
        return dockerPs(label, value, "{{.Names}} {{.State}}");
    }

    private List<String> dockerPs(String label, String value, String format) {
        Result result = Processes.run(List.of("docker", "ps", "-a", "--no-trunc", "--format", format,
                "--filter", "label=io.coxswain.cluster=" + clusterId(), "--filter", "label=" + label + "=" + value),
                Map.of(), 60);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker ps failed: " + result.stderr());
        }
        return result.stdout().lines().filter(line -> !line.isBlank()).toList();
    }

    /** Workers stop without stopping their pods (a restarted one adopts them): the run ends, so they go. */
    private void removeContainers() {
        String id = clusterId();
        if (id.isEmpty()) {
            return;
        }
        List<String> left = containers("io.coxswain.cluster", id);
        if (!left.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f"));
            remove.addAll(left);
            Processes.run(remove, Map.of(), 120);
        }
    }

    public Result coxswain(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/coxswain").toString());
        command.addAll(List.of(args));
        Map<String, String> extra = new HashMap<>();
        extra.put("COXSWAIN_HOME", home.toString());
        extra.put("COXSWAIN_SKIP_BUILD", "1");
        extra.put("COXSWAIN_PORT_BASE", "27100");
        extra.put("COXSWAIN_NODE_GRACE_PERIOD", NODE_GRACE_SECONDS + "s");
        extra.put("COXSWAIN_NODE_HEARTBEAT", "2s");
        return Processes.run(command, extra, 600);
    }

    /** http://127.0.0.1:PORT of master {@code n} (1-based). */
    public String masterUrl(int n) {
        return "http://127.0.0.1:" + env.get("MASTER_" + n + "_HTTP_PORT");
    }

    /**
     * The master whose {@code /debug/controllers} lists {@code controller} ("Kind namespace/name", or
     * "Namespace name"), awaited for up to 30 s: a controller starts with its object's first change.
     */
    public int masterRunning(String controller) throws InterruptedException {
        return Await.until("a master running " + controller, () -> java.util.stream.IntStream.rangeClosed(1, MASTERS)
                .filter(n -> Http.get(masterUrl(n) + "/debug/controllers").body().lines()
                        .anyMatch(controller::equals)).findFirst().orElse(0), n -> n > 0, 30);
    }

    public Path kubeconfig() {
        return home.resolve("kubeconfig");
    }

    public Path home() {
        return home;
    }

    public Path root() {
        return root;
    }

    /** Runs the kubectl on the PATH against this cluster, with a fresh discovery cache each time. */
    public Result kubectl(String... args) {
        return kubectlWithInput(null, args);
    }

    public Result kubectlWithInput(String stdin, String... args) {
        try {
            Path cache = Files.createTempDirectory("kubectl-cache");
            try {
                List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString(),
                        "--cache-dir", cache.toString()));
                command.addAll(List.of(args));
                return Processes.run(command, Map.of(), 120, stdin);
            } finally {
                deleteRecursively(cache);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl without waiting for it (e.g. {@code get -w}); {@link Background#stop()} ends it. */
    public Background kubectlInBackground(String... args) {
        return kubectlInBackground(Map.of(), args);
    }

    /** As {@link #kubectlInBackground(String...)}, with environment variables (kubectl reads some switches there). */
    public Background kubectlInBackground(Map<String, String> env, String... args) {
        try {
            Path cache = Files.createTempDirectory("kubectl-cache");
            List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString(),
                    "--cache-dir", cache.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new Background(builder.start(), cache);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command running in the background whose output lines are collected as they come. */
    public static final class Background {
        private final Process process;
        private final Path cache;
        private final java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Background(Process process, Path cache) {
            this.process = process;
            this.cache = cache;
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was stopped
                }
            }, "background-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until a line equal to {@code expected} has been printed, up to {@code seconds}. */
        public boolean awaitLine(String expected, int seconds) throws InterruptedException {
            if (seen.contains(expected)) {
                return true;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                seen.add(line.trim());
                if (line.trim().equals(expected)) {
                    return true;
                }
            }
            return false;
        }

        public List<String> seen() {
            return seen;
        }

        public void stop() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteRecursively(cache);
        }
    }

    private Map<String, String> readClusterEnv() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(home.resolve("cluster.env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("'", "")
                            .replace("\"", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (" + exitCode + "):\n" + stdout + stderr);
            }
            return this;
        }
    }

    /** Runs processes to completion with a time limit, killing the one it started (by handle) if it overruns. */
    static final class Processes {
        private Processes() {}

        static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
            return run(command, env, timeoutSeconds, null);
        }

        static Result run(List<String> command, Map<String, String> env, long timeoutSeconds, String stdin) {
            try {
                Path out = Files.createTempFile("cmd", ".out");
                Path err = Files.createTempFile("cmd", ".err");
                try {
                    ProcessBuilder builder = new ProcessBuilder(command)
                            .redirectOutput(out.toFile()).redirectError(err.toFile());
                    builder.environment().putAll(env);
                    if (stdin == null) {
                        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                    }
                    Process process = builder.start();
                    if (stdin != null) {
                        try (var in = process.getOutputStream()) {
                            in.write(stdin.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor();
                        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
                                + Files.readString(out) + Files.readString(err));
                    }
                    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
