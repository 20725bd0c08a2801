package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kubectl exec, attach, cp and port-forward (and fabric8's exec and portForward) against pods on the docker and
 * the process runtime, in a namespace of their own: what a user types and what they see, exit codes included.
 * kubectl 1.32 speaks WebSocket to the master (v5.channel.k8s.io; SPDY tunnelled in a WebSocket for
 * port-forward), the master relays to the agent of the pod's node, the agent to the container.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class PodExecIT {
    private static final TestNamespace NS = TestNamespace.of(PodExecIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();

    @BeforeAll
    static void startPods() throws InterruptedException {
        for (String runtime : List.of("docker", "process")) {
            apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: shell-%1$s}
                    spec:
                      nodeSelector: {coxswain.io/runtime: %1$s}
                      terminationGracePeriodSeconds: 1
                      containers:
                        - name: main
                          image: coxswain/busybox:1
                          command: [sh, -c, "while true; do echo attached-output; sleep 0.3; done"]
                    """.formatted(runtime));
        }
        for (String runtime : List.of("docker", "process")) {
            awaitRunning("shell-" + runtime);
        }
    }

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static void apply(String manifest) {
        NS.apply(manifest);
    }

    private static void awaitRunning(String pod) throws InterruptedException {
        assertThat(Await.until(() -> kubectl("get", "pod", pod, "-o", "jsonpath={.status.phase}").stdout(),
                "Running", 90)).as("pod %s running", pod).isEqualTo("Running");
    }

    /**
     * A server pod is used once it is Ready (its readiness probe connects): kubectl 1.32 ends a port-forward at the
     * first connection the pod refuses, as it would on Kubernetes.
     */
    private static void awaitReady(String pod) throws InterruptedException {
        Await.until("pod " + pod + " Ready", () -> kubectl("get", "pod", pod, "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout(), "True"::equals, 90);
    }

    /** A docker-runtime pod labelled {@code app: NAME} whose busybox httpd serves {@code page} on port 8080. */
    private static String dockerWebPod(String name, String page) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: %1$s}}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: httpd
                      image: coxswain/busybox:1
                      command: [sh, -c, "mkdir -p /www && echo %2$s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                      ports: [{containerPort: 8080}]
                      readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
                """.formatted(name, page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void execPrintsTheCommandsOutputAndExitsWithItsExitCode(String runtime) {
        LocalCluster.Result ok = kubectl("exec", "shell-" + runtime, "--", "echo", "hi");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("hi\n");

        LocalCluster.Result failed = kubectl("exec", "shell-" + runtime, "--", "sh", "-c",
                "echo out; echo err >&2; exit 3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.stdout()).isEqualTo("out\n");
        assertThat(failed.stderr()).contains("err\n").contains("command terminated with exit code 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void execMinusIFeedsStdinUntilItsEnd(String runtime) {
        LocalCluster.Result result = NS.kubectlWithInput("first line\nsecond line\n",
                "exec", "-i", "shell-" + runtime, "--", "sh", "-c", "cat; echo end of input");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("first line\nsecond line\nend of input\n");
    }

    /**
     * kubectl under script(1) has a terminal of 33 rows and 101 columns: the command runs on a terminal of the
     * same size (sent as a resize once the session is open; the command waits for it, boundedly).
     */
    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void execMinusItRunsTheCommandOnATerminalOfTheClientsSize(String runtime) throws Exception {
        String kubectl = String.join(" ", "kubectl", "--kubeconfig", CLUSTER.kubeconfig().toString(), "-n", NS.name(),
                "exec", "-it", "shell-" + runtime, "--", "sh", "-c",
                "'test -t 0 && echo on a terminal; i=0; while [ \"$(stty size)\" != \"33 101\" ] && [ $i -lt 50 ]; "
                        + "do sleep 0.1; i=$((i+1)); done; echo size $(stty size); exit 4'");
        LocalCluster.Result result = LocalCluster.Processes.run(List.of("script", "-qec",
                "stty rows 33 cols 101; " + kubectl, "/dev/null"), Map.of(), 60);
        assertThat(result.stdout()).contains("on a terminal").contains("size 33 101");
        assertThat(result.exitCode()).as("kubectl passes the command's exit code on").isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void attachFollowsTheContainersOutput(String runtime) throws InterruptedException {
        LocalCluster.Background attach = NS.kubectlInBackground(Map.of(), "attach", "shell-" + runtime);
        try {
            assertThat(attach.awaitLine("attached-output", 30)).as("output seen: %s", attach.seen()).isTrue();
        } finally {
            attach.stop();
        }
    }

    /** The container reads one line from its own stdin (stdin: true), answers and exits: kubectl attach then ends. */
    @Test
    void attachMinusIWritesToTheContainersStdin() throws InterruptedException {
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: reader}
                spec:
                  nodeSelector: {coxswain.io/runtime: docker}
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: main
                      image: coxswain/busybox:1
                      stdin: true
                      command: [sh, -c, "read line; echo \\"got $line\\""]
                """);
        awaitRunning("reader");
        LocalCluster.Result result = NS.kubectlWithInput("hello container\n",
                "attach", "-i", "reader");
        assertThat(result.stdout()).contains("got hello container");
        assertThat(Await.until(() -> kubectl("get", "pod", "reader", "-o", "jsonpath={.status.phase}").stdout(),
                "Succeeded", 30)).isEqualTo("Succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void cpCopiesFilesIntoAndOutOfTheContainer(String runtime) throws IOException {
        String pod = "shell-" + runtime;
        // The process runtime has no filesystem of its own: its containers see the host's, so use a fresh folder.
        String folder = "/tmp/it-podexec-" + runtime + "-" + System.nanoTime();
        Path local = Files.createTempDirectory("podexec-cp");
        try {
            Path upload = local.resolve("upload.txt");
            Files.writeString(upload, "sent by kubectl cp\n");
            kubectl("exec", pod, "--", "mkdir", "-p", folder).assertOk();
            kubectl("cp", upload.toString(), pod + ":" + folder + "/upload.txt").assertOk();
            assertThat(kubectl("exec", pod, "--", "cat", folder + "/upload.txt").stdout())
                    .isEqualTo("sent by kubectl cp\n");

            kubectl("exec", pod, "--", "sh", "-c", "echo made in the pod > " + folder + "/download.txt").assertOk();
            Path download = local.resolve("download.txt");
            kubectl("cp", pod + ":" + folder + "/download.txt", download.toString()).assertOk();
            assertThat(Files.readString(download)).isEqualTo("made in the pod\n");
        } finally {
            kubectl("exec", pod, "--", "rm", "-rf", folder);
            LocalCluster.deleteRecursively(local);
        }
    }

    @Test
    void portForwardReachesAPodAndAServiceOnTheDockerRuntime() throws Exception {
        apply(dockerWebPod("web", "forwarded page") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        awaitReady("web");
        assertThat(pageThroughPortForward("pod/web", 8080, 8080)).contains("forwarded page");
        // kubectl resolves the service's port 80 to the pod's target port, 8080.
        assertThat(pageThroughPortForward("svc/web", 80, 8080)).contains("forwarded page");
    }

    /** kubectl told not to use WebSockets upgrades the connection to SPDY/3.1 itself (what kubectl ≤ 1.30 does). */
    @Test
    void portForwardOverPlainSpdyWorksToo() throws Exception {
        apply(dockerWebPod("web-spdy", "spdy page"));
        awaitReady("web-spdy");
        assertThat(pageThroughPortForward("pod/web-spdy", 8080, 8080, Map.of(
                "KUBECTL_PORT_FORWARD_WEBSOCKETS", "false"))).contains("spdy page");
    }

    /** The process runtime's pods listen on the node's own address; the agent forwards to it. */
    @Test
    void portForwardReachesAPodOnTheProcessRuntime() throws Exception {
        int port = freePort();
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-process}
                spec:
                  nodeSelector: {coxswain.io/runtime: process}
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: httpd
                      image: coxswain/busybox:1
                      command: [sh, -c, "mkdir -p www && echo process page > www/index.html && exec busybox httpd -f -p 127.0.0.1:%1$d -h www"]
                      ports: [{containerPort: %1$d}]
                      readinessProbe: {tcpSocket: {port: %1$d}, periodSeconds: 1}
                """.formatted(port));
        awaitReady("web-process");
        assertThat(pageThroughPortForward("pod/web-process", port, port)).contains("process page");
    }

    /**
     * Runs kubectl port-forward on a free local port and fetches /index.html through it (a bounded number of
     * tries); {@code podPort} is the pod's port kubectl says it forwards to.
     */
    private static String pageThroughPortForward(String target, int remotePort, int podPort) throws Exception {
        return pageThroughPortForward(target, remotePort, podPort, Map.of());
    }

    private static String pageThroughPortForward(String target, int remotePort, int podPort,
                                                 Map<String, String> env) throws Exception {
        int local = freePort();
        LocalCluster.Background forward = NS.kubectlInBackground(env, "port-forward", target,
                local + ":" + remotePort);
        try {
            assertThat(forward.awaitLine("Forwarding from 127.0.0.1:" + local + " -> " + podPort, 30))
                    .as("kubectl said: %s", forward.seen()).isTrue();
            String[] body = new String[1];
            boolean served = Await.poll(() -> {
                body[0] = fetch(local, "/index.html");
                return body[0].startsWith("HTTP/1.") && body[0].contains(" 200 ");
            }, Boolean.TRUE::equals, 30).met();
            if (!served) {
                forward.awaitLine("(all kubectl printed)", 1); // collects what kubectl printed since
            }
            assertThat(served).as("page through %s; kubectl said %s", target, forward.seen()).isTrue();
            return body[0];
        } finally {
            forward.stop();
        }
    }

    @Test
    void execIntoAPodThatDoesNotExistOrAContainerItDoesNotHaveIsAClearError() {
        LocalCluster.Result missingPod = kubectl("exec", "no-such-pod", "--", "true");
        assertThat(missingPod.exitCode()).isNotZero();
        assertThat(missingPod.stderr()).contains("pods \"no-such-pod\" not found");

        LocalCluster.Result missingContainer = kubectl("exec", "shell-docker", "-c", "nope", "--", "true");
        assertThat(missingContainer.exitCode()).isNotZero();
        assertThat(missingContainer.stderr()).contains("container nope is not valid for pod shell-docker");
    }

    @Test
    void fabric8ExecAndPortForwardWork() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(CLUSTER.masterUrl(2))
                .withNamespace(NS.name()).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ExecWatch watch = client.pods().withName("shell-docker").writingOutput(out).writingError(err)
                    .exec("sh", "-c", "echo from fabric8; echo oops >&2; exit 2")) {
                assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(2);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("from fabric8\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

            apply(dockerWebPod("web-fabric8", "fabric8 page"));
            awaitReady("web-fabric8");
            try (LocalPortForward forward = client.pods().withName("web-fabric8").portForward(8080)) {
                String[] body = new String[1];
                Await.until("the page through fabric8's port-forward", () -> {
                    body[0] = fetch(forward.getLocalPort(), "/index.html");
                    return body[0].contains("fabric8 page");
                }, 30);
            }
        }
    }

    /**
     * One HTTP/1.0 request on a fresh connection to a local port (no client pool to hand a request to a connection
     * of an earlier forward), with short timeouts so a bounded loop can try again; "" when it fails.
     */
    private static String fetch(int port, String path) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
