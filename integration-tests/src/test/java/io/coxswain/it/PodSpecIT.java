package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a pod's spec asks of the node agent, driven with kubectl as a user would: environment and
 * volumes from ConfigMaps and Secrets, init containers, readiness and liveness probes, and the
 * failures a user must be able to read (missing image, missing command, missing ConfigMap, a node
 * that does not exist). Each scenario runs on every runtime a worker of the test cluster has; the
 * scripts read a volume from its mount path, or from {@code $COXSWAIN_VOLUME_<NAME>} on the process
 * runtime, which cannot remap paths.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class PodSpecIT {
    private static final TestNamespace NS = TestNamespace.of(PodSpecIT.class);

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private static void apply(String manifest) {
        NS.apply(manifest);
    }

    private static String jsonpath(String kind, String name, String path) {
        return kubectl("get", kind, name, "-o", "jsonpath=" + path).stdout();
    }

    private static void awaitEvent(String pod, String reason, String text) throws InterruptedException {
        Await.until("a " + reason + " event of " + pod + " saying " + text, () -> kubectl("get", "events",
                "--field-selector", "involvedObject.name=" + pod + ",reason=" + reason,
                "-o", "jsonpath={.items[*].message}").stdout(), messages -> messages.contains(text), 60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void configMapsSecretsAndInitContainersShapeWhatTheContainerSees(String runtime) throws InterruptedException {
        String pod = "shaped-" + runtime;
        apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %1$s-config}
                data: {greeting: hello, app.properties: "mode=fast"}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: %1$s-secret}
                stringData: {password: s3cret}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {suite: podspec}}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  terminationGracePeriodSeconds: 2
                  volumes:
                    - {name: config, configMap: {name: %1$s-config}}
                    - {name: work, emptyDir: {}}
                  initContainers:
                    - name: prepare
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "echo prepared-by-init > ${COXSWAIN_VOLUME_WORK:-/work}/note"]
                      volumeMounts: [{name: work, mountPath: /work}]
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "echo $GREETING $PASSWORD $POD; cat ${COXSWAIN_VOLUME_CONFIG:-/etc/app}/app.properties; echo; cat ${COXSWAIN_VOLUME_WORK:-/work}/note; exec sleep 3600"]
                      env:
                        - {name: GREETING, valueFrom: {configMapKeyRef: {name: %1$s-config, key: greeting}}}
                        - {name: PASSWORD, valueFrom: {secretKeyRef: {name: %1$s-secret, key: password}}}
                        - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                      volumeMounts:
                        - {name: config, mountPath: /etc/app}
                        - {name: work, mountPath: /work}
                """.formatted(pod, runtime));

        Await.until(() -> jsonpath("pod", pod, "{.status.phase}"), "Running", 90);
        Await.until("the init container's note in the log", () -> kubectl("logs", pod).stdout()
                .contains("prepared-by-init"), 30);
        assertThat(kubectl("logs", pod).stdout())
                .contains("hello s3cret " + pod).contains("mode=fast").contains("prepared-by-init");
        assertThat(jsonpath("pod", pod, "{.status.initContainerStatuses[0].state.terminated.reason}"))
                .isEqualTo("Completed");
        assertThat(kubectl("get", "pod", pod).stdout()).containsPattern(pod + "\\s+1/1\\s+Running");
        awaitEvent(pod, "Started", "Started container prepare");
        kubectl("delete", "pod", pod).assertOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void probesDecideReadinessAndRestartUnhealthyContainers(String runtime) throws InterruptedException {
        String pod = "probed-" + runtime;
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {suite: podspec}}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  terminationGracePeriodSeconds: 1
                  volumes: [{name: flags, emptyDir: {}}]
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sh", "-c", "F=${COXSWAIN_VOLUME_FLAGS:-/flags}; touch $F/alive; sleep 3; touch $F/ready; sleep 4; rm $F/alive; exec sleep 3600"]
                      volumeMounts: [{name: flags, mountPath: /flags}]
                      readinessProbe:
                        exec: {command: ["sh", "-c", "test -f ${COXSWAIN_VOLUME_FLAGS:-/flags}/ready"]}
                        periodSeconds: 1
                      livenessProbe:
                        exec: {command: ["sh", "-c", "test -f ${COXSWAIN_VOLUME_FLAGS:-/flags}/alive"]}
                        periodSeconds: 1
                        failureThreshold: 2
                """.formatted(pod, runtime));

        Await.until(() -> jsonpath("pod", pod, "{.status.phase}"), "Running", 90);
        assertThat(jsonpath("pod", pod, "{.status.containerStatuses[0].ready}")).isEqualTo("false");
        Await.until(() -> jsonpath("pod", pod, "{.status.conditions[?(@.type==\"Ready\")].status}"), "True", 30);
        awaitEvent(pod, "Unhealthy", "Liveness probe failed");
        awaitEvent(pod, "Killing", "Container app failed liveness probe, will be restarted");
        Await.until(() -> jsonpath("pod", pod, "{.status.containerStatuses[0].restartCount}"), "1", 60);
        kubectl("delete", "pod", pod).assertOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void failuresAreReportedWithKubernetesReasonsAndEvents(String runtime) throws InterruptedException {
        String suffix = "-" + runtime;
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: no-image%1$s}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  containers: [{name: app, image: "missing/nothing:1", command: ["sleep", "3600"]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: no-command%1$s}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  containers: [{name: app, image: "coxswain/busybox:1", command: ["no-such-command-xyz"]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: no-config%1$s}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sleep", "3600"]
                      envFrom: [{configMapRef: {name: not-created-yet}}]
                """.formatted(suffix, runtime));

        Await.until(() -> jsonpath("pod", "no-image" + suffix, "{.status.containerStatuses[0].state.waiting.reason}"),
                "ImagePullBackOff", 60);
        awaitEvent("no-image" + suffix, "Failed", "Failed to pull image \"missing/nothing:1\"");
        // RunContainerError first; the docker runtime records the attempt that could not start (exit 128, as
        // containerd does), so it then shows CrashLoopBackOff while backing off, as Kubernetes does.
        Await.until("RunContainerError or CrashLoopBackOff", () -> jsonpath("pod", "no-command" + suffix,
                "{.status.containerStatuses[0].state.waiting.reason}"),
                reason -> reason.equals("RunContainerError") || reason.equals("CrashLoopBackOff"), 60);
        assertThat(jsonpath("pod", "no-command" + suffix, "{.status.phase}")).isNotEqualTo("Running");
        awaitEvent("no-command" + suffix, "Failed", "no-such-command-xyz");
        Await.until(() -> jsonpath("pod", "no-config" + suffix, "{.status.containerStatuses[0].state.waiting.message}"),
                "configmap \"not-created-yet\" not found", 60);
        assertThat(kubectl("get", "pod", "no-config" + suffix).stdout()).contains("CreateContainerConfigError");

        // The agent is not stuck on them: the ConfigMap arrives and that pod starts.
        kubectl("create", "configmap", "not-created-yet", "--from-literal=K=v").assertOk();
        Await.until(() -> jsonpath("pod", "no-config" + suffix, "{.status.phase}"), "Running", 60);
        kubectl("delete", "pod", "no-image" + suffix, "no-command" + suffix, "no-config" + suffix).assertOk();
        kubectl("delete", "configmap", "not-created-yet").assertOk();
    }

    /** The kubelet's image event says what the runtime did: docker has the image, the process runtime runs none. */
    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void theImageEventSaysWhatTheRuntimeDid(String runtime) throws InterruptedException {
        String pod = "image-event-" + runtime;
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {suite: podspec}}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  terminationGracePeriodSeconds: 1
                  containers: [{name: app, image: "coxswain/busybox:1", command: ["sleep", "3600"]}]
                """.formatted(pod, runtime));

        if (runtime.equals("docker")) {
            awaitEvent(pod, "Pulled", "Container image \"coxswain/busybox:1\" already present on machine");
        } else {
            awaitEvent(pod, "Resolved", "Image \"coxswain/busybox:1\" is not used by the process runtime: "
                    + "command \"sleep\" resolved on the host as /");
            assertThat(kubectl("describe", "pod", pod).assertOk().stdout()).doesNotContain("already present");
        }
        kubectl("delete", "pod", pod).assertOk();
    }

    /**
     * What Kubernetes accepts and the node agents do not carry out (a gRPC probe, a service account
     * token) is said twice: kubectl prints the API's warnings when the pod is created, and its node
     * puts a Warning event on the pod. The pod runs without them: the probe counts as none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"docker", "process"})
    void whatIsNotSupportedIsWarnedOnCreateAndByThePodsNode(String runtime) throws InterruptedException {
        String pod = "unsupported-" + runtime;
        LocalCluster.Result applied = NS.kubectlWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {suite: podspec}}
                spec:
                  nodeSelector: {coxswain.io/runtime: %2$s}
                  terminationGracePeriodSeconds: 1
                  volumes:
                    - name: token
                      projected:
                        sources: [{serviceAccountToken: {path: token, expirationSeconds: 3600}}]
                  containers:
                    - name: app
                      image: coxswain/busybox:1
                      command: ["sleep", "3600"]
                      readinessProbe: {grpc: {port: 9090}}
                      volumeMounts: [{name: token, mountPath: /var/run/token}]
                """.formatted(pod, runtime), "apply", "-f", "-").assertOk();

        String probeWarning = "spec.containers[0].readinessProbe.grpc: gRPC probes are not supported by this "
                + "cluster's node agents; the probe is ignored";
        String tokenWarning = "spec.volumes[0].projected.sources[0].serviceAccountToken: service account tokens are "
                + "not supported by this cluster; no token file is written";
        assertThat(applied.stderr()).contains("Warning: " + probeWarning).contains("Warning: " + tokenWarning);
        Await.until(() -> jsonpath("pod", pod, "{.status.conditions[?(@.type==\"Ready\")].status}"), "True", 90);
        awaitEvent(pod, "NotSupported", probeWarning);
        awaitEvent(pod, "NotSupported", tokenWarning);
        assertThat(kubectl("describe", "pod", pod).assertOk().stdout())
                .containsPattern("Warning\\s+NotSupported\\s+.*" + java.util.regex.Pattern.quote(probeWarning));
        kubectl("delete", "pod", pod).assertOk();
    }

    @Test
    void aPodBoundToANodeThatDoesNotExistFailsWithTheReason() throws InterruptedException {
        String ghost = NS.prefixed("ghost-node"); // a node name no other class could create
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: on-ghost-node}
                spec:
                  nodeName: %s
                  containers: [{name: app, image: "coxswain/busybox:1", command: ["sleep", "3600"]}]
                """.formatted(ghost));

        Await.until(() -> jsonpath("pod", "on-ghost-node", "{.status.reason}"), "NodeNotFound", 60);
        assertThat(jsonpath("pod", "on-ghost-node", "{.status.phase}")).isEqualTo("Failed");
        assertThat(kubectl("get", "pod", "on-ghost-node").stdout()).contains("NodeNotFound");
        awaitEvent("on-ghost-node", "NodeNotFound", "Pod was bound to node \"" + ghost + "\", which does not exist");
        kubectl("delete", "pod", "on-ghost-node").assertOk();
    }
}
