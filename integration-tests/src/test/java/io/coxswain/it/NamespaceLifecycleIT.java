package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kubernetes' namespace lifecycle: a deleted namespace turns Terminating, refuses new content,
 * says in its conditions what holds it up, and its controller empties it and lets it go — even
 * when the master running that controller is killed half-way.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class NamespaceLifecycleIT {
    private static final TestNamespace NS = TestNamespace.of(NamespaceLifecycleIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();
    private static final String HOLD = "coxswain.io/test-hold";
    private static final String KINDS = "deployments,replicasets,pods,services,configmaps,secrets";

    /** 200 objects: a Deployment (its ReplicaSet and 3 pods on the docker workers), 4 Services, 191 ConfigMaps and Secrets. */
    private static String twoHundredObjects() {
        StringBuilder manifest = new StringBuilder("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      nodeSelector: {coxswain.io/runtime: docker}
                      terminationGracePeriodSeconds: 5
                      containers: [{name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, finalizers: [%s]}
                data: {k: v}
                """.formatted(HOLD));
        IntStream.range(0, 4).forEach(i -> manifest.append("""
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc-%d}
                spec: {selector: {app: app}, ports: [{port: %d}]}
                """.formatted(i, 8080 + i)));
        IntStream.range(0, 150).forEach(i -> manifest.append("""
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: config-%d}
                data: {index: "%d"}
                """.formatted(i, i)));
        IntStream.range(0, 40).forEach(i -> manifest.append("""
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: secret-%d}
                stringData: {password: "p%d"}
                """.formatted(i, i)));
        return manifest.toString();
    }

    private static LocalCluster.Result kubectlVia(int master, String namespace, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--context";
        all[1] = "master-" + master;
        all[2] = "-n";
        all[3] = namespace;
        System.arraycopy(args, 0, all, 4, args.length);
        return CLUSTER.kubectl(all);
    }

    private static String condition(int master, String namespace, String type) {
        return kubectlVia(master, namespace, "get", "namespace", namespace, "-o", "jsonpath={.status.conditions[?(@.type==\""
                + type + "\")].message}").stdout();
    }

    @Test
    void aNamespaceOfTwoHundredObjectsEndsGoneAndEmptyWhenTheMasterRunningItsControllerIsKilled()
            throws InterruptedException {
        String namespace = NS.prefixed("200");
        CLUSTER.kubectl("create", "namespace", namespace).assertOk();
        CLUSTER.kubectlWithInput(twoHundredObjects(), "create", "-n", namespace, "-f", "-").assertOk();
        kubectlVia(1, namespace, "rollout", "status", "deployment/app", "--timeout=120s").assertOk();
        assertThat(kubectlVia(1, namespace, "get", KINDS, "-o", "name").assertOk().stdout().lines())
                .as("what the namespace holds").hasSize(200);

        kubectlVia(1, namespace, "delete", "namespace", namespace, "--wait=false").assertOk();
        int master = CLUSTER.masterRunning("Namespace " + namespace);
        int other = master % LocalCluster.MASTERS + 1;
        Await.until(() -> kubectlVia(other, namespace, "get", "namespace", namespace, "-o",
                "jsonpath={.status.phase}").stdout(), "Terminating", 30);
        CLUSTER.coxswain("kill", "master-" + master).assertOk();
        java.util.concurrent.CompletableFuture<Void> restart = null;
        try {
            LocalCluster.Result refused = kubectlVia(other, namespace, "create", "configmap", "late");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("configmaps \"late\" is forbidden: unable to create new content in "
                    + "namespace " + namespace + " because it is being terminated");

            // Emptied but for the object whose finalizer holds it, whichever master runs the controller now.
            Await.until("only the held ConfigMap left", () -> kubectlVia(other, namespace, "get", KINDS, "-o",
                    "name").stdout().strip(), "configmap/held"::equals, 180);
            Await.until("the conditions name what holds the namespace up", () -> condition(other, namespace,
                    "NamespaceFinalizersRemaining"), message -> message.equals("Some content in the namespace has "
                    + "finalizers remaining: " + HOLD + " in 1 resource instances"), 60);

            // The rest goes on while the killed master starts again, which takes a while.
            restart = java.util.concurrent.CompletableFuture.runAsync(() ->
                    CLUSTER.coxswain("start", "master-" + master).assertOk());
            // Its entity may have lived on the killed master: answered with 504 until its shard is back.
            Await.until("the finalizer removed", () -> kubectlVia(other, namespace, "patch", "configmap", "held",
                    "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}").exitCode() == 0, 90);
            Await.until("the namespace gone", () -> kubectlVia(other, namespace, "get", "namespace", namespace)
                    .stderr(), err -> err.contains("NotFound"), 120);
            assertThat(kubectlVia(other, namespace, "get", KINDS + ",events", "-o", "name").stdout()).isEmpty();
        } finally {
            if (restart == null) {
                CLUSTER.coxswain("start", "master-" + master).assertOk();
            } else {
                restart.join();
            }
            Await.until("master-" + master + " ready", () -> Http.get(CLUSTER.masterUrl(master) + "/readyz").code(),
                    code -> code == 200, 120);
            CLUSTER.kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=false");
        }
        List<String> stillThere = IntStream.rangeClosed(1, LocalCluster.MASTERS)
                .mapToObj(n -> kubectlVia(n, namespace, "get", KINDS, "-o", "name").stdout().strip())
                .filter(out -> !out.isEmpty()).collect(Collectors.toList());
        assertThat(stillThere).as("nothing of the namespace on any master, the restarted one too").isEmpty();
    }

    @Test
    void theBuiltInNamespacesCannotBeDeleted() {
        LocalCluster.Result refused = CLUSTER.kubectl("delete", "namespace", "default");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Forbidden").contains("this namespace may not be deleted");
    }
}
