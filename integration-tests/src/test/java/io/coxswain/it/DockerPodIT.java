package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pods on the docker workers of the test cluster, as a user drives them with kubectl: a web server
 * answering at its pod IP, the containers of one pod sharing localhost, processes and an emptyDir,
 * and the waiting reasons of an image that is not there and of a command that does not exist.
 * Every container is checked gone from the engine ({@code docker ps -a}) after its pod is deleted.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class DockerPodIT {
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final TestNamespace NS = TestNamespace.of(DockerPodIT.class);

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static String jsonpath(String pod, String path) {
        return kubectl("get", "pod", pod, "-o", "jsonpath=" + path).stdout();
    }

    private static void apply(String manifest) {
        NS.apply(manifest);
    }

    private static String ready(String node) {
        return kubectl("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                .stdout();
    }

    private static String runtimeOf(String node) {
        return kubectl("get", "node", node, "-o", "jsonpath={.metadata.labels.coxswain\\.io/runtime}").stdout();
    }

    /** Deletes the pod and waits until the engine holds no container of it any more. */
    private static void deleteAndAwaitNoContainers(String pod) throws InterruptedException {
        String uid = jsonpath(pod, "{.metadata.uid}");
        kubectl("delete", "pod", pod, "--wait=true").assertOk();
        awaitNoContainers(pod, uid);
    }

    private static void awaitNoContainers(String pod, String uid) throws InterruptedException {
        Await.until("no container of pod " + pod + " left on the engine",
                () -> CLUSTER.containerNamesAndStates("io.coxswain.pod.uid", uid), List::isEmpty, 30);
    }

    @Test
    void theWebExampleRunsOnADockerWorkerServesItsPageLogsAndStopsWithinItsGrace() throws InterruptedException {
        kubectl("apply", "-f", CLUSTER.root().resolve("k8s-manifests/examples/web-pod.yaml").toString()).assertOk();

        Await.until(() -> jsonpath("web", "{.status.phase}"), "Running", 60);
        assertThat(kubectl("get", "pod", "web").stdout()).containsPattern("web\\s+1/1\\s+Running\\s+0");
        assertThat(runtimeOf(jsonpath("web", "{.spec.nodeName}"))).isEqualTo("docker");
        assertThat(jsonpath("web", "{.status.containerStatuses[0].containerID}")).startsWith("docker://");
        String ip = jsonpath("web", "{.status.podIP}");
        assertThat(ip).isNotEqualTo("127.0.0.1").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        // Running says httpd started, not that it listens yet: refused connections are "not yet".
        Await.until(() -> Http.get("http://" + ip + ":8080/").code(), 200, 30);
        assertThat(Http.get("http://" + ip + ":8080/").body()).contains("Hello from Coxswain");
        Await.until("httpd's log line", () -> kubectl("logs", "web").stdout()
                .contains("serving /www on port 8080 as web"), 30);
        String uid = jsonpath("web", "{.metadata.uid}");
        assertThat(CLUSTER.containers("io.coxswain.pod.uid", uid)).as("sandbox and httpd").hasSize(2);

        long start = System.nanoTime();
        kubectl("delete", "pod", "web", "--wait=true").assertOk();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(seconds).as("stopped within the pod's 10 s grace").isLessThan(10);
        awaitNoContainers("web", uid);
    }

    @Test
    void theContainersOfAPodShareLocalhostTheirProcessesAndAnEmptyDir() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: pair}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  shareProcessNamespace: true
                  terminationGracePeriodSeconds: 5
                  volumes:
                    - {name: shared, emptyDir: {}}
                  containers:
                    - name: server
                      image: coxswain/busybox:1
                      command: [sh, -c, "echo pair-page > /shared/index.html; exec httpd -f -p 8081 -h /shared"]
                      volumeMounts: [{name: shared, mountPath: /shared}]
                    - name: client
                      image: coxswain/busybox:1
                      command:
                        - sh
                        - -c
                        - |
                          until printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8081 | grep -q pair-page; do sleep 0.2; done
                          echo reached the server over localhost
                          ps | grep -q '[h]ttpd -f -p 8081' && echo sees the server process
                          echo "read from the emptyDir: $(cat /data/index.html)"
                          exec sleep 3600
                      volumeMounts: [{name: shared, mountPath: /data, readOnly: true}]
                """);

        Await.until(() -> jsonpath("pair", "{.status.phase}"), "Running", 60);
        Await.until("the client's last line", () -> kubectl("logs", "pair", "-c", "client").stdout()
                .contains("read from the emptyDir"), 30);
        assertThat(kubectl("logs", "pair", "-c", "client").stdout()).isEqualTo("""
                reached the server over localhost
                sees the server process
                read from the emptyDir: pair-page
                """);
        deleteAndAwaitNoContainers("pair");
    }

    @Test
    void withoutShareProcessNamespaceAContainerSeesOnlyItsOwnProcesses() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: apart}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  terminationGracePeriodSeconds: 5
                  containers:
                    - {name: sleeper, image: coxswain/busybox:1, command: [sleep, "4242"]}
                    - name: looker
                      image: coxswain/busybox:1
                      command: [sh, -c, "sleep 1; ps | grep -c '[s]leep 4242'; exec sleep 3600"]
                """);

        Await.until(() -> kubectl("logs", "apart", "-c", "looker").stdout(), "0\n", 60);
        deleteAndAwaitNoContainers("apart");
    }

    @Test
    void aRestartedDockerWorkerAdoptsItsContainersInsteadOfStartingThemAgain() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: kept}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  terminationGracePeriodSeconds: 2
                  containers:
                    - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """);
        Await.until(() -> jsonpath("kept", "{.status.phase}"), "Running", 60);
        String node = jsonpath("kept", "{.spec.nodeName}");
        String container = jsonpath("kept", "{.status.containerStatuses[0].containerID}");
        String uid = jsonpath("kept", "{.metadata.uid}");
        var engineContainers = CLUSTER.containers("io.coxswain.pod.uid", uid);

        CLUSTER.coxswain("kill", node).assertOk();
        try {
            assertThat(CLUSTER.containers("io.coxswain.pod.uid", uid)).as("the containers outlive their agent")
                    .isEqualTo(engineContainers);
        } finally {
            // the other classes need every worker: it comes back whatever this test finds
            CLUSTER.coxswain("start", node).assertOk();
        }
        Await.until(() -> ready(node), "True", 60);
        // A few sync rounds of the new agent: the same containers, never restarted, never doubled.
        String heartbeat = kubectl("get", "node", node, "-o", "jsonpath={.metadata.resourceVersion}").stdout();
        Await.until("a heartbeat of the new agent", () -> !kubectl("get", "node", node, "-o",
                "jsonpath={.metadata.resourceVersion}").stdout().equals(heartbeat), 30);
        assertThat(jsonpath("kept", "{.status.containerStatuses[0].containerID}")).isEqualTo(container);
        assertThat(jsonpath("kept", "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        assertThat(CLUSTER.containers("io.coxswain.pod.uid", uid)).isEqualTo(engineContainers);
        deleteAndAwaitNoContainers("kept");
    }

    @Test
    void anImageThatIsNotThereShowsErrImagePullWithAClearMessage() throws InterruptedException {
        // Watched, as `kubectl get pod -w` shows it: ErrImagePull lasts until the agent's next look (a second),
        // then ImagePullBackOff until the retry, so polling could miss it.
        try (WatchRecording watch = WatchRecording.of(CLUSTER.masterUrl(1) + NS.apiPath("pods"), "test=no-image")) {
            apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: no-image, labels: {test: no-image}}
                    spec:
                      nodeSelector: {coxswain.io/runtime: docker}
                      containers:
                        - {name: main, image: "coxswain/not-here:1", command: [sleep, "60"]}
                    """);
            Await.until("ErrImagePull, then ImagePullBackOff, among the pod's statuses", () -> waitingStates(watch),
                    states -> states.contains("ErrImagePull") && states.indexOf("ImagePullBackOff")
                            > states.indexOf("ErrImagePull"), 60);
            String message = watch.events().stream().map(e -> e.object().at(
                    "/status/containerStatuses/0/state/waiting")).filter(w -> w.path("reason").asText()
                    .equals("ErrImagePull")).findFirst().orElseThrow().path("message").asText();
            assertThat(message).contains("Failed to pull image \"coxswain/not-here:1\"")
                    .contains("not present on node");
        }
        assertThat(jsonpath("no-image", "{.status.containerStatuses[0].state.waiting.message}"))
                .matches("Back-off pulling image \"coxswain/not-here:1\"|Failed to pull image .*");
        assertThat(kubectl("get", "pod", "no-image").stdout())
                .containsPattern("no-image\\s+0/1\\s+(ErrImagePull|ImagePullBackOff)");
        deleteAndAwaitNoContainers("no-image");
    }

    /** The waiting reasons of the pod's first container, in the order the watch saw them, repeats dropped. */
    private static List<String> waitingStates(WatchRecording watch) {
        List<String> states = new java.util.ArrayList<>();
        for (WatchRecording.Event event : watch.events()) {
            String reason = event.object().at("/status/containerStatuses/0/state/waiting/reason").asText("");
            if (!reason.isEmpty() && (states.isEmpty() || !states.get(states.size() - 1).equals(reason))) {
                states.add(reason);
            }
        }
        return states;
    }

    @Test
    void aCommandThatDoesNotExistShowsWhyAndTheAgentCarriesOn() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: no-command}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  terminationGracePeriodSeconds: 2
                  containers:
                    - {name: main, image: coxswain/busybox:1, command: [no-such-command, --flag]}
                """);

        // First the start error itself, then Kubernetes' back-off with the failed attempt as lastState.
        Await.until(() -> jsonpath("no-command", "{.status.containerStatuses[0].lastState.terminated.reason}"),
                "StartError", 60);
        assertThat(jsonpath("no-command", "{.status.containerStatuses[0].lastState.terminated.exitCode}"))
                .isEqualTo("128");
        assertThat(jsonpath("no-command", "{.status.containerStatuses[0].state.waiting.reason}"))
                .isIn("RunContainerError", "CrashLoopBackOff");
        assertThat(kubectl("describe", "pod", "no-command").stdout())
                .contains("exec: \"no-such-command\": executable file not found in $PATH");
        // The same node still runs other pods.
        String node = jsonpath("no-command", "{.spec.nodeName}");
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: after-no-command}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 2
                  containers:
                    - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """.formatted(node));
        Await.until(() -> jsonpath("after-no-command", "{.status.phase}"), "Running", 60);
        deleteAndAwaitNoContainers("no-command");
        deleteAndAwaitNoContainers("after-no-command");
    }
}
