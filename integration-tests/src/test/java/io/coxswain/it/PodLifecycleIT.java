package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pods run by the node agents of the test cluster: running, serving, logging and stopped without
 * leftovers on the process-runtime worker (pinned there with a nodeSelector: these tests look at
 * host processes; DockerPodIT does the same on docker), and restarting as their restartPolicy says
 * on both runtimes.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class PodLifecycleIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final TestNamespace NS = TestNamespace.of(PodLifecycleIT.class);

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static void pod(String name, String restartPolicy, String script) {
        pod(name, restartPolicy, script, "process");
    }

    private static void pod(String name, String restartPolicy, String script, String runtime) {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {suite: lifecycle}}
                spec:
                  restartPolicy: %s
                  terminationGracePeriodSeconds: 5
                  nodeSelector: {coxswain.io/runtime: %s}
                  containers:
                    - name: main
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "%s"]
                """.formatted(name, restartPolicy, runtime, script.replace("\"", "\\\""));
        NS.apply(manifest);
    }

    private static String jsonpath(String pod, String path) {
        return kubectl("get", "pod", pod, "-o", "jsonpath=" + path).stdout();
    }

    private static String ready(String node) {
        return kubectl("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                .stdout();
    }

    /** Host processes whose command line carries {@code marker} (only looked at, never signalled). */
    private static long processesWith(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).contains(marker);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWebPodRunsServesItsPageLogsAndStopsWithoutLeftovers() throws InterruptedException {
        pod("web", "Always", "echo serving-lifecycle-web; exec python3 -m http.server 18431 --bind 127.0.0.1");
        Await.until(() -> jsonpath("web", "{.status.phase}"), "Running", 60);
        assertThat(kubectl("get", "pod", "web").stdout()).containsPattern("web\\s+1/1\\s+Running\\s+0");
        String ip = jsonpath("web", "{.status.podIP}");
        // Running says the process started, not that it listens yet: refused connections are "not yet".
        Await.until(() -> Http.get("http://" + ip + ":18431/").code(), 200, 30);
        Await.until("the pod's log line", () -> kubectl("logs", "web").stdout().contains("serving-lifecycle-web"), 30);
        assertThat(processesWith("18431")).isPositive();

        long start = System.nanoTime();
        kubectl("delete", "pod", "web").assertOk();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
        assertThat(processesWith("18431")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void aCrashingContainerBacksOffAndCountsItsRestarts(String runtime) throws InterruptedException {
        String crasher = "crasher-" + runtime;
        pod(crasher, "Always", "echo boom; exit 3", runtime);
        // Kubernetes' back-off: the first crash is restarted at once, the second waits 10 s …
        Await.until("CrashLoopBackOff", () -> kubectl("get", "pod", crasher).stdout().contains("CrashLoopBackOff"), 60);
        assertThat(jsonpath(crasher, "{.status.containerStatuses[0].restartCount}")).isEqualTo("1");
        assertThat(jsonpath(crasher, "{.status.containerStatuses[0].state.waiting.message}")).contains("back-off 10s");
        Await.until(() -> jsonpath(crasher, "{.status.containerStatuses[0].lastState.terminated.exitCode}"), "3", 10);
        // … and the third 20 s: the back-off doubles.
        Await.until("a back-off of 20 s", () -> jsonpath(crasher,
                "{.status.containerStatuses[0].state.waiting.message}").contains("back-off 20s"), 30);
        assertThat(jsonpath(crasher, "{.status.containerStatuses[0].restartCount}")).isEqualTo("2");
        kubectl("delete", "pod", crasher).assertOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void restartPoliciesNeverAndOnFailureEndThePodAsKubernetesDoes(String runtime) throws InterruptedException {
        String failsOnce = "fails-once-" + runtime;
        String succeeds = "succeeds-" + runtime;
        pod(failsOnce, "Never", "exit 4", runtime);
        pod(succeeds, "OnFailure", "echo done", runtime);
        Await.until(() -> jsonpath(failsOnce, "{.status.phase}"), "Failed", 60);
        assertThat(jsonpath(failsOnce, "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("4");
        Await.until(() -> jsonpath(succeeds, "{.status.phase}"), "Succeeded", 60);
        assertThat(kubectl("get", "pod", succeeds).stdout()).containsPattern(succeeds + "\\s+0/1\\s+Completed");
        kubectl("delete", "pod", failsOnce, succeeds).assertOk();
    }

    @Test
    void aRestartedWorkerAdoptsItsRunningContainersInsteadOfStartingDuplicates() throws InterruptedException {
        pod("adopted", "Always", "echo adopting; exec sleep 3613");
        Await.until(() -> jsonpath("adopted", "{.status.phase}"), "Running", 60);
        String node = jsonpath("adopted", "{.spec.nodeName}");
        String container = jsonpath("adopted", "{.status.containerStatuses[0].containerID}");
        long processes = processesWith("sleep\0" + "3613");
        assertThat(processes).isPositive();

        CLUSTER.coxswain("kill", node).assertOk();
        try {
            assertThat(processesWith("sleep\0" + "3613")).as("the container outlives its agent").isEqualTo(processes);
        } finally {
            // the other classes need every worker: it comes back whatever this test finds
            CLUSTER.coxswain("start", node).assertOk();
        }
        Await.until(() -> ready(node), "True", 60);
        // A few sync rounds of the new agent: still the same container, never restarted, never doubled.
        String heartbeat = kubectl("get", "node", node, "-o", "jsonpath={.metadata.resourceVersion}").stdout();
        Await.until("a heartbeat of the new agent", () -> !kubectl("get", "node", node, "-o",
                "jsonpath={.metadata.resourceVersion}").stdout().equals(heartbeat), 30);
        assertThat(jsonpath("adopted", "{.status.containerStatuses[0].containerID}")).isEqualTo(container);
        assertThat(jsonpath("adopted", "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        assertThat(processesWith("sleep\0" + "3613")).isEqualTo(processes);
        kubectl("delete", "pod", "adopted").assertOk();
        // An adopted container is not the new agent's child: its end is seen through /proc, which
        // today takes up to the grace period plus the runtime's kill timeout (docs/STATUS.md).
        Await.until(() -> processesWith("sleep\0" + "3613"), 0L, 20);
    }

    @Test
    void logsFollowUntilTheContainerEnds() throws InterruptedException {
        pod("counter", "Never", "for i in 1 2 3; do echo line $i; sleep 1; done");
        Await.until("the pod bound and started", () -> !jsonpath("counter", "{.spec.nodeName}").isEmpty()
                && !jsonpath("counter", "{.status.phase}").isEmpty(), 60);
        Await.until("its container created", () -> !jsonpath("counter",
                "{.status.containerStatuses[0].containerID}").isEmpty(), 60);
        String followed = kubectl("logs", "-f", "counter").assertOk().stdout();
        assertThat(followed).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(kubectl("logs", "counter", "--tail=1").assertOk().stdout()).isEqualTo("line 3\n");
        kubectl("delete", "pod", "counter").assertOk();
    }

    /**
     * {@code kubectl logs -f} of a container that has not started is an error saying why, as on
     * Kubernetes — never an empty success. Held deterministically in two waiting states: behind a
     * running init container (PodInitializing) and with a ConfigMap that does not exist
     * (CreateContainerConfigError).
     */
    @Test
    void logsOfAContainerThatHasNotStartedSayWhatItWaitsFor() throws InterruptedException {
        NS.kubectlWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: not-started, labels: {suite: lifecycle}}
                spec:
                  terminationGracePeriodSeconds: 1
                  nodeSelector: {coxswain.io/runtime: process}
                  initContainers:
                    - {name: setup, image: coxswain/busybox:1, command: ["sleep", "3614"]}
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "echo never"]
                      env:
                        - name: FROM_MISSING
                          valueFrom: {configMapKeyRef: {name: not-started-config, key: k}}
                """, "apply", "-f", "-").assertOk();
        assertThat(Await.until(() -> jsonpath("not-started", "{.status.initContainerStatuses[0].state.running}")
                .isEmpty() ? "" : "running", "running", 60)).isEqualTo("running");
        LocalCluster.Result initializing = kubectl("logs", "-f", "not-started", "-c", "app");
        assertThat(initializing.exitCode()).isNotZero();
        assertThat(initializing.stdout()).isEmpty();
        assertThat(initializing.stderr()).contains("Error from server (BadRequest): container \"app\" in pod "
                + "\"not-started\" is waiting to start: PodInitializing");

        kubectl("delete", "pod", "not-started").assertOk();
        NS.kubectlWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: not-configured, labels: {suite: lifecycle}}
                spec:
                  terminationGracePeriodSeconds: 1
                  nodeSelector: {coxswain.io/runtime: process}
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "echo never"]
                      env:
                        - name: FROM_MISSING
                          valueFrom: {configMapKeyRef: {name: not-started-config, key: k}}
                """, "apply", "-f", "-").assertOk();
        assertThat(Await.until(() -> jsonpath("not-configured", "{.status.containerStatuses[0].state.waiting.reason}"),
                "CreateContainerConfigError", 60)).isEqualTo("CreateContainerConfigError");
        LocalCluster.Result unconfigured = kubectl("logs", "-f", "not-configured");
        assertThat(unconfigured.exitCode()).isNotZero();
        assertThat(unconfigured.stderr()).contains("container \"app\" in pod \"not-configured\" is waiting to "
                + "start: CreateContainerConfigError");
        kubectl("delete", "pod", "not-configured").assertOk();

        // What a user types: whenever the container gets to start, logs -f shows its output or says
        // why there is none yet; it never ends quietly with nothing.
        kubectl("run", "hello-now", "--image=coxswain/busybox:1", "--restart=Never", "--",
                "sh", "-c", "echo hello; sleep 2").assertOk();
        LocalCluster.Result followed = kubectl("logs", "-f", "hello-now");
        if (followed.exitCode() == 0) {
            assertThat(followed.stdout()).isEqualTo("hello\n");
        } else {
            assertThat(followed.stderr()).containsPattern("is waiting to start|does not have a host assigned");
        }
        kubectl("delete", "pod", "hello-now").assertOk();
    }
}
