package io.coxswain.bench;

import io.coxswain.it.Await;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the workload controllers take, on one cluster (3 masters, 2 docker workers, one JVM of simulated nodes), and
 * against Docker Swarm on the same engine where it has a counterpart:
 * <ol>
 *   <li>a Deployment of {@code bench.replicas} (100) from create to all available — Swarm: a service of as many
 *       replicas until all its tasks run;</li>
 *   <li>their rolling update to coxswain/busybox:2 (maxSurge and maxUnavailable 25%, Kubernetes' defaults) until the
 *       rollout is complete — Swarm: a service update a quarter of the replicas at a time, no delay, until every
 *       task runs the new image;</li>
 *   <li>{@code bench.tries} (20) times each, on a Deployment of {@code bench.recovery-replicas} (3): a pod's container
 *       killed with {@code docker kill} until it runs and is Ready again, and a pod deleted until its replacement is
 *       Running and Ready (p50, p99; the times are the arrival of the watch event that shows it);</li>
 *   <li>a Deployment of {@code bench.simulated-replicas} (2,000) on the simulated nodes until all available: the
 *       controllers and the scheduler without the cost of containers.</li>
 * </ol>
 * Swarm goes first, then Coxswain, never both at once; each workload is removed, and its containers awaited gone,
 * before the next starts. A Deployment of {@code bench.warmup} (20) replicas is created and removed first, unmeasured:
 * a fresh cluster's first pods pay for cold JITs, which is not what a user sees later. A figure that fails is
 * reported as such and the others still run.
 * <p>
 * One watch on the namespace's pods serves the whole run, closed only at its end (and asked not to time out
 * before): a watch that ends while its pods change can stop the watch cache of the master that served it —
 * WatchCache.offer completes a queue that its client's going away has completed already, the actor fails on the
 * IllegalStateException, and that master answers nothing after — so none may end in the middle of a figure.
 */
final class ControllersBenchmark {
    static final String NAMESPACE = "bench-controllers";
    private static final String V1 = "coxswain/busybox:1";
    private static final String V2 = "coxswain/busybox:2";
    private static final int REPLICAS = Integer.getInteger("bench.replicas", 100);
    private static final int TRIES = Integer.getInteger("bench.tries", 20);
    private static final int RECOVERY_REPLICAS = Integer.getInteger("bench.recovery-replicas", 3);
    private static final int SIMULATED_REPLICAS = Integer.getInteger("bench.simulated-replicas", 2000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 20);
    /** Which figures to measure (comma-separated): swarm, deployment (both for figures 1 and 2), recovery, simulated. */
    private static final Set<String> PARTS = Set.of(System.getProperty("bench.parts",
            "swarm,deployment,recovery,simulated").split(","));
    /** Swarm's counterpart of maxUnavailable 25% (it has no surge: it stops an old task, then starts a new one). */
    private static final int SWARM_PARALLELISM = Math.max(1, Math.round(REPLICAS * 0.25f));
    private static final int ROLLOUT_SECONDS = 600;
    private static final int SIMULATED_SECONDS = 1200;
    /** One kill or one delete; a killed container waits out the crash back-off (10 s) first. */
    private static final int RECOVERY_SECONDS = 120;
    private static final int GONE_SECONDS = 300;

    /** Longer than any run: the watch must not end before the benchmark does (see above). */
    private static final long WATCH_SECONDS = 24 * 3600;

    private final KubernetesClient client;
    private final String clusterId;
    private final PodWatch pods;
    private final ControllersReport report = new ControllersReport();
    private String swarmAddress = "(swarm mode could not be switched on)";

    private ControllersBenchmark(KubernetesClient client, String clusterId, PodWatch pods) {
        this.client = client;
        this.clusterId = clusterId;
        this.pods = pods;
    }

    static ControllersReport run(KubernetesClient client, PodLoad load, String clusterId, int simulatedNodes)
            throws Exception {
        load.createNamespace(NAMESPACE);
        try (PodWatch pods = new PodWatch(client, NAMESPACE, WATCH_SECONDS)) {
            ControllersBenchmark bench = new ControllersBenchmark(client, clusterId, pods);
            bench.warmUp();
            bench.againstSwarm();
            if (PARTS.contains("recovery")) {
                bench.recovery();
            }
            if (PARTS.contains("simulated")) {
                bench.simulated(simulatedNodes);
            }
            bench.method(simulatedNodes);
            return bench.report;
        }
    }

    private void warmUp() throws InterruptedException {
        if (WARMUP <= 0) {
            return;
        }
        try {
            deploy("warmup", WARMUP, false, ROLLOUT_SECONDS, null);
        } catch (RuntimeException e) {
            report.problem("the warm-up Deployment", e);
        } finally {
            deleteAndAwaitGone("warmup");
        }
    }

    /** Figures 1 and 2: Swarm's service, created then updated, and removed; then Coxswain's Deployment the same. */
    private void againstSwarm() throws InterruptedException {
        double swarmCreate = Double.NaN;
        double swarmUpdate = Double.NaN;
        if (PARTS.contains("swarm")) {
            try (Swarm swarm = Swarm.start()) {
                swarmAddress = swarm.address();
                swarmCreate = swarm.create(REPLICAS, imageId(V1));
                Swarm.Update update = swarm.update(REPLICAS, imageId(V2), SWARM_PARALLELISM);
                swarmUpdate = update.converged();
                report.finding(String.format(Locale.ROOT, "Swarm: its update converged after %.1f s; it marked the "
                        + "update completed only after %s (its `--update-monitor`, 5 s by default, past the last "
                        + "task)", update.converged(), ControllersReport.seconds(update.completed())));
            } catch (RuntimeException e) {
                report.problem("Docker Swarm", e);
            }
        }
        double create = Double.NaN;
        double update = Double.NaN;
        if (PARTS.contains("deployment")) {
            try {
                create = deploy("web", REPLICAS, false, ROLLOUT_SECONDS, "Deployment of " + REPLICAS);
                update = rollingUpdate("web", REPLICAS);
            } catch (RuntimeException e) {
                report.problem("Coxswain's Deployment of " + REPLICAS, e);
            } finally {
                deleteAndAwaitGone("web");
            }
        }
        report.compared("Deployment of " + REPLICAS + " replicas: create → " + REPLICAS + " available", create,
                swarmCreate);
        report.compared("rolling update of the " + REPLICAS + " to busybox:2 (25% surge, 25% unavailable; Swarm: "
                + SWARM_PARALLELISM + " at a time) → complete", update, swarmUpdate);
    }

    /**
     * Figure 3. Each kill is of a pod whose container never restarted: a second crash of the same container would
     * wait out a doubled back-off (20 s, 40 s, …), which measures the back-off, not the recovery. The pod just
     * killed is then the one deleted, so that every round starts from fresh pods.
     */
    private void recovery() throws InterruptedException {
        String name = "recover";
        List<Double> kills = new ArrayList<>();
        List<Double> deletes = new ArrayList<>();
        try {
            deployments().resource(deployment(name, RECOVERY_REPLICAS, false)).create();
            awaitDeployment(name, "all " + RECOVERY_REPLICAS + " replicas of " + name + " available",
                    d -> is(d.getStatus().getAvailableReplicas(), RECOVERY_REPLICAS), ROLLOUT_SECONDS);
            for (int i = 1; i <= TRIES; i++) {
                Pod victim = freshReadyPod(name);
                String pod = victim.getMetadata().getName();
                String uid = victim.getMetadata().getUid();
                String container = runningContainer(uid);
                pods.expect(p -> uid.equals(p.getMetadata().getUid()) && restartCount(p) > 0 && PodWatch.isReady(p));
                long t0 = System.nanoTime();
                DockerCli.ok("kill", container);
                kills.add(SchedulingBenchmark.seconds(t0, pods.awaitExpected("pod " + pod
                        + " restarted and Ready after docker kill (try " + i + ")", RECOVERY_SECONDS)));

                Set<String> before = podsOf(name).stream().map(p -> p.getMetadata().getName())
                        .collect(Collectors.toSet());
                pods.expect(p -> p.getMetadata().getName().startsWith(name + "-")
                        && !before.contains(p.getMetadata().getName())
                        && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) && PodWatch.isReady(p));
                long t1 = System.nanoTime();
                client.pods().inNamespace(NAMESPACE).withName(pod).delete();
                deletes.add(SchedulingBenchmark.seconds(t1, pods.awaitExpected("a replacement of pod " + pod
                        + " Running and Ready (try " + i + ")", RECOVERY_SECONDS)));
            }
        } catch (RuntimeException e) {
            report.problem("recovery (after " + kills.size() + " kills, " + deletes.size() + " deletes)", e);
        } finally {
            deleteAndAwaitGone(name);
        }
        report.coxswain("container killed (`docker kill`) → running and Ready again, " + kills.size() + " tries",
                percentiles(kills));
        if (!kills.isEmpty()) {
            report.finding("Container killed: a container's first exit is restarted at once (the back-off starts "
                    + "with the second, as the kubelet's); the time is the agent seeing the exit (it looks at its "
                    + "containers every sync-interval, 1 s), starting the new container and writing the pod's status");
        }
        report.coxswain("pod deleted → replacement Running and Ready, " + deletes.size() + " tries",
                percentiles(deletes));
    }

    /** Figure 4. Not removed afterwards: nothing runs on simulated nodes, and the cluster goes down next. */
    private void simulated(int simulatedNodes) throws InterruptedException {
        String figure = String.format(Locale.ROOT, "Deployment of %,d replicas on %d simulated nodes: create → all "
                + "available", SIMULATED_REPLICAS, simulatedNodes);
        try {
            double seconds = deploy("sim", SIMULATED_REPLICAS, true, SIMULATED_SECONDS,
                    String.format(Locale.ROOT, "Deployment of %,d on simulated nodes", SIMULATED_REPLICAS));
            report.coxswain(figure, ControllersReport.seconds(seconds));
        } catch (RuntimeException e) {
            report.failed(figure, e);
        }
    }

    /**
     * Creates the Deployment and returns the seconds from its create request until the API shows every replica
     * available; with a {@code what}, where the time went is among the findings.
     */
    private double deploy(String name, int replicas, boolean simulated, int seconds, String what)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Deployment created = deployments().resource(deployment(name, replicas, simulated)).create();
        long generation = created.getMetadata().getGeneration();
        awaitDeployment(name, "all " + replicas + " replicas of " + name + " available",
                d -> observed(d, generation) && is(d.getStatus().getAvailableReplicas(), replicas), seconds);
        long t1 = System.nanoTime();
        if (what != null) {
            List<String> own = pods.seen().keySet().stream().filter(pod -> pod.startsWith(name + "-")).toList();
            report.finding(what + ": " + timeline(pods, own, t0) + "; the Deployment showed them all available "
                    + at(t0, t1));
        }
        return SchedulingBenchmark.seconds(t0, t1);
    }

    /** Seconds from the image change to a complete rollout: every replica updated and available, no old one left. */
    private double rollingUpdate(String name, int replicas) throws InterruptedException {
        Set<String> before = podsOf(name).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        long t0 = System.nanoTime();
        Deployment patched = deployments().withName(name).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + V2 + "\"}]}}}}");
        long generation = patched.getMetadata().getGeneration();
        awaitDeployment(name, "the rollout of " + name + " to " + V2 + " complete", d -> observed(d, generation)
                && is(d.getStatus().getUpdatedReplicas(), replicas) && is(d.getStatus().getAvailableReplicas(), replicas)
                && is(d.getStatus().getReplicas(), replicas) && orZero(d.getStatus().getUnavailableReplicas()) == 0,
                ROLLOUT_SECONDS);
        long t1 = System.nanoTime();
        List<String> fresh = pods.seen().keySet().stream()
                .filter(pod -> pod.startsWith(name + "-") && !before.contains(pod)).toList();
        report.finding("Rolling update of " + replicas + ": new " + timeline(pods, fresh, t0)
                + "; the rollout showed complete " + at(t0, t1));
        return SchedulingBenchmark.seconds(t0, t1);
    }

    /** When the pods were created, bound, Running and Ready, from {@code t0}; and each pod's bound → Running. */
    private static String timeline(PodWatch pods, Collection<String> names, long t0) {
        List<Double> starts = new ArrayList<>();
        for (String name : names) {
            Long bound = pods.bound().get(name);
            Long running = pods.running().get(name);
            if (bound != null && running != null) {
                starts.add(SchedulingBenchmark.seconds(bound, running));
            }
        }
        return String.format(Locale.ROOT, "%d pods created %s to %s (ReplicaSet controller), the last bound %s, "
                        + "the last Running %s, the last Ready %s; per pod, bound → Running %s",
                names.size(), since(t0, first(pods.seen(), names)), since(t0, last(pods.seen(), names)),
                since(t0, last(pods.bound(), names)), since(t0, last(pods.running(), names)),
                since(t0, last(pods.ready(), names)), starts.isEmpty() ? "—" : percentiles(starts));
    }

    private static OptionalLong first(Map<String, Long> times, Collection<String> names) {
        return names.stream().map(times::get).filter(Objects::nonNull).mapToLong(Long::longValue).min();
    }

    private static OptionalLong last(Map<String, Long> times, Collection<String> names) {
        return names.stream().map(times::get).filter(Objects::nonNull).mapToLong(Long::longValue).max();
    }

    private static String since(long t0, OptionalLong at) {
        return at.isPresent() ? String.format(Locale.ROOT, "%.1f s", SchedulingBenchmark.seconds(t0, at.getAsLong()))
                : "(not seen)";
    }

    private static String at(long t0, long t1) {
        return String.format(Locale.ROOT, "at %.1f s", SchedulingBenchmark.seconds(t0, t1));
    }

    private static String percentiles(List<Double> values) {
        return values.isEmpty() ? "failed" : String.format(Locale.ROOT, "p50 %.1f s, p99 %.1f s",
                PodLoad.percentile(values, 50), PodLoad.percentile(values, 99));
    }

    /** Polls the Deployment (every 200 ms) until {@code done}; fails with the last status seen when time runs out. */
    private void awaitDeployment(String name, String what, Predicate<Deployment> done, int seconds)
            throws InterruptedException {
        Await.Outcome<Deployment> outcome = Await.poll(() -> deployments().withName(name).get(),
                d -> d != null && d.getStatus() != null && done.test(d), seconds);
        if (!outcome.met()) {
            throw new IllegalStateException("waited " + seconds + " s for " + what + "; last seen: "
                    + summary(outcome.lastValue())
                    + (outcome.lastFailure() == null ? "" : "; last look failed with: " + outcome.lastFailure()));
        }
    }

    private static String summary(Deployment d) {
        if (d == null || d.getStatus() == null) {
            return d == null ? "no Deployment" : "no status";
        }
        DeploymentStatus s = d.getStatus();
        return "generation " + d.getMetadata().getGeneration() + " (observed " + s.getObservedGeneration()
                + "), replicas " + s.getReplicas() + ", updated " + s.getUpdatedReplicas() + ", ready "
                + s.getReadyReplicas() + ", available " + s.getAvailableReplicas() + ", unavailable "
                + s.getUnavailableReplicas();
    }

    /**
     * Deletes the Deployment (its ReplicaSets and pods go with it) and waits until its pods are gone from the API and
     * every container of the namespace is gone from the engine, so that nothing of it runs during the next figure.
     */
    private void deleteAndAwaitGone(String name) throws InterruptedException {
        try {
            deployments().withName(name).delete();
            Await.Outcome<Integer> pods = Await.poll(() -> podsOf(name).size(), n -> n == 0, GONE_SECONDS);
            if (!pods.met()) {
                throw new IllegalStateException(pods.describe("the pods of " + name + " to be gone"));
            }
            Await.Outcome<List<String>> containers = Await.poll(() -> DockerCli.lines("ps", "-a", "-q", "--filter",
                    "label=io.coxswain.cluster=" + clusterId, "--filter", "label=io.coxswain.pod.namespace=" + NAMESPACE),
                    List::isEmpty, GONE_SECONDS);
            if (!containers.met()) {
                throw new IllegalStateException(containers.describe("the containers of " + name + " to be gone"));
            }
        } catch (RuntimeException e) {
            report.problem("removing " + name, e);
        }
    }

    /** A pod of {@code name} Ready and never restarted; there is one once the previous round's replacement is. */
    private Pod freshReadyPod(String name) throws InterruptedException {
        Await.Outcome<List<Pod>> fresh = Await.poll(() -> podsOf(name).stream()
                .filter(p -> PodWatch.isReady(p) && restartCount(p) == 0).toList(), list -> !list.isEmpty(),
                RECOVERY_SECONDS);
        if (!fresh.met()) {
            throw new IllegalStateException("waited " + RECOVERY_SECONDS + " s for a Ready pod of " + name
                    + " that never restarted");
        }
        return fresh.lastValue().get(0);
    }

    /** The one running container (not the sandbox) of the pod, found by the labels the docker runtime puts on it. */
    private String runningContainer(String uid) {
        List<String> ids = DockerCli.lines("ps", "-q", "--no-trunc", "--filter", "status=running",
                "--filter", "label=io.coxswain.cluster=" + clusterId, "--filter", "label=io.coxswain.pod.uid=" + uid,
                "--filter", "label=io.coxswain.kind=container");
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one running container of pod " + uid + ", found " + ids);
        }
        return ids.get(0);
    }

    private List<Pod> podsOf(String name) {
        return client.pods().inNamespace(NAMESPACE).withLabel("app", name).list().getItems();
    }

    private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>> deployments() {
        return client.apps().deployments().inNamespace(NAMESPACE);
    }

    /**
     * Pods of busybox sleeping, stopped within a second, with Kubernetes' default rolling update. On the docker
     * workers; or, {@code simulated}, on the simulated nodes (they tolerate their taint and select them), asking for
     * some CPU and memory as real pods would so that the scheduler weighs them.
     */
    static Deployment deployment(String name, int replicas, boolean simulated) {
        ContainerBuilder container = new ContainerBuilder().withName("main").withImage(V1)
                .withCommand("sleep", "3600");
        if (simulated) {
            container.withResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m"))
                    .addToRequests("memory", new Quantity("64Mi")).build());
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%"))
                .endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .withNodeSelector(simulated ? Map.of("coxswain.io/simulated", "true")
                        : Map.of("coxswain.io/runtime", "docker"))
                .withTolerations(simulated ? List.of(new TolerationBuilder().withKey("coxswain.io/simulated")
                        .withOperator("Exists").withEffect("NoSchedule").build()) : List.of())
                .withContainers(container.build())
                .endSpec().endTemplate()
                .endSpec().build();
    }

    private static boolean observed(Deployment d, long generation) {
        return d.getStatus().getObservedGeneration() != null && d.getStatus().getObservedGeneration() >= generation;
    }

    private static boolean is(Integer value, int expected) {
        return value != null && value == expected;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static int restartCount(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty() ? 0
                : orZero(pod.getStatus().getContainerStatuses().get(0).getRestartCount());
    }

    private static String imageId(String image) {
        return DockerCli.ok("image", "inspect", "--format", "{{.Id}}", image).strip();
    }

    private void method(int simulatedNodes) {
        report.method("One cluster: `bin/coxswain up --masters 3 --workers 2 --runtime docker --simulated-nodes "
                + simulatedNodes + "` (Cassandra, 3 masters, 2 docker workers, 1 JVM of " + simulatedNodes
                + " simulated nodes), all on this machine and one Docker engine; it is up, idle, while Swarm is "
                + "measured (the engine is shared), and Swarm mode is off again before Coxswain is measured.");
        if (!PARTS.equals(Set.of("swarm", "deployment", "recovery", "simulated"))) {
            report.method("Only these parts were measured (-Dbench.parts): " + String.join(", ", PARTS) + ".");
        }
        report.method("Swarm: a single-node swarm on the same engine, advertised on " + swarmAddress + "; "
                + "`docker service create --replicas " + REPLICAS + " --init --stop-grace-period 1s "
                + "--no-resolve-image <id of " + V1 + "> sleep 3600` until `docker service ls` shows "
                + REPLICAS + "/" + REPLICAS + "; `docker service update --image <id of " + V2
                + "> --update-parallelism " + SWARM_PARALLELISM + " --update-delay 0s` until `docker service ps` "
                + "shows every task meant to run on the new image and Running (Swarm's default order, "
                + "stop-first: no surge). Images by ID: for a tag, each task would first try a registry pull. Both "
                + "sides are polled every 200 ms (Swarm through the docker CLI).");
        report.method("Coxswain: Deployments (namespace " + NAMESPACE + ") created and patched through fabric8, "
                + "polled every 200 ms until the status shows the figure (availableReplicas; for the update also "
                + "updatedReplicas and replicas equal and observedGeneration current). Pods: busybox `sleep 3600`, "
                + "terminationGracePeriodSeconds 1, nodeSelector coxswain.io/runtime: docker; maxSurge and "
                + "maxUnavailable 25%.");
        report.method("Recovery: a Deployment of " + RECOVERY_REPLICAS + "; each try kills the container (found by "
                + "its io.coxswain.pod.uid label) of a pod that never restarted, awaits it restarted and Ready, then "
                + "deletes that pod and awaits a new one Running and Ready; times are the arrival of the watch event. "
                + "With " + TRIES + " tries, p99 is the slowest.");
        report.method(String.format(Locale.ROOT, "Simulated: %,d pods tolerating coxswain.io/simulated=true:NoSchedule"
                + " and selecting those nodes, requests 100m CPU / 64Mi; the simulated runtime starts a container "
                + "at once, so this is the API, controllers, scheduler and agents' status writes alone.",
                SIMULATED_REPLICAS));
        report.method((WARMUP > 0 ? "A Deployment of " + WARMUP + " replicas is created and removed first, unmeasured "
                + "(cold JITs). " : "No warm-up. ") + "Each workload is removed, and its containers awaited gone, "
                + "before the next.");
    }
}
