package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kubectl's everyday verbs on every kind: create -f, apply, get in every output, describe, label,
 * annotate, the three patch types, scale, delete — each checked by what the next command prints.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class KubectlVerbsIT {
    private static final java.util.Set<String> SCALABLE = java.util.Set.of("replicaset", "deployment", "statefulset",
            "replicationcontroller");
    private static final TestNamespace NS = TestNamespace.of(KubectlVerbsIT.class);
    private final LocalCluster cluster = LocalCluster.get();

    private static LocalCluster.Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    /** The node and the namespace live outside the class's namespace: gone with it even when a test failed. */
    @AfterAll
    static void deleteObjectsWithoutANamespace() {
        kubectl("delete", "node", NS.prefixed("node"), "--ignore-not-found").assertOk();
        kubectl("delete", "namespace", NS.prefixed("ns"), "--ignore-not-found", "--wait=false").assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "pod, pods, verbs-pod",
            "replicaset, replicaset.apps, verbs-rs",
            "deployment, deployment.apps, verbs-deploy",
            "statefulset, statefulset.apps, verbs-sts",
            "daemonset, daemonset.apps, verbs-ds",
            "service, service, verbs-svc",
            "replicationcontroller, replicationcontroller, verbs-rc",
            "configmap, configmap, verbs-cm",
            "secret, secret, verbs-secret",
            "horizontalpodautoscaler, horizontalpodautoscaler.autoscaling, verbs-hpa",
            // without a namespace: named after the class (TestNamespace.prefixed)
            "namespace, namespace, it-kubectlverbsit-ns",
            "node, node, it-kubectlverbsit-node"})
    void everydayVerbs(String kind, String printedKind, String name) {
        String manifest = cluster.root().resolve("integration-tests/src/test/resources/manifests/kinds/" + kind
                + ".yaml").toString();
        String resource = printedKind.equals("pods") ? "pod" : printedKind;
        assertThat(kubectl("create", "-f", manifest).assertOk().stdout()).contains(name + " created");
        // apply over a created object records what was applied, then finds nothing to change.
        assertThat(kubectl("apply", "-f", manifest).assertOk().stdout()).contains(name + " configured");
        assertThat(kubectl("apply", "-f", manifest).assertOk().stdout()).contains(name + " unchanged");

        assertThat(kubectl("get", kind, name).assertOk().stdout()).startsWith("NAME").contains(name);
        assertThat(kubectl("get", kind, name, "-o", "name").assertOk().stdout().trim())
                .isEqualTo(resource + "/" + name);
        assertThat(kubectl("get", kind, name, "-o", "yaml").assertOk().stdout())
                .contains("name: " + name).contains("resourceVersion:").contains("creationTimestamp:");
        assertThat(kubectl("get", kind, name, "-o", "json").assertOk().stdout())
                .contains("\"name\": \"" + name + "\"").contains("\"uid\":");
        assertThat(kubectl("get", kind, "-o", "wide", "-l", "app=verbs").assertOk().stdout()).contains(name);
        assertThat(kubectl("describe", kind, name).assertOk().stdout()).containsPattern("Name:\\s+" + name);

        kubectl("label", kind, name, "tier=fe").assertOk();
        kubectl("annotate", kind, name, "note=hello").assertOk();
        kubectl("patch", kind, name, "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"merge\":\"yes\"}}}")
                .assertOk();
        kubectl("patch", kind, name, "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/json\",\"value\":\"yes\"}]").assertOk();
        kubectl("patch", kind, name, "-p", "{\"metadata\":{\"labels\":{\"strategic\":\"yes\"}}}").assertOk();
        assertThat(kubectl("get", kind, "-l", "tier in (fe,be),merge,json=yes,strategic,!canary", "-o", "name")
                .assertOk().stdout().trim()).isEqualTo(resource + "/" + name);
        assertThat(kubectl("get", kind, name, "-o", "jsonpath={.metadata.annotations.note}").assertOk().stdout())
                .isEqualTo("hello");

        if (SCALABLE.contains(kind)) {
            assertThat(kubectl("scale", kind, name, "--replicas=4").assertOk().stdout()).contains(name + " scaled");
            assertThat(kubectl("get", kind, name, "-o", "jsonpath={.spec.replicas}").assertOk().stdout())
                    .isEqualTo("4");
        }

        assertThat(kubectl("delete", kind, name).assertOk().stdout()).contains("\"" + name + "\" deleted");
        assertThat(kubectl("get", kind, name).stderr()).contains("\"" + name + "\" not found");
    }
}
