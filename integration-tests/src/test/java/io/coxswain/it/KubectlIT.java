package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.it.LocalCluster.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real kubectl, unchanged, against three masters: what a user types and what it prints. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class KubectlIT {
    private static final TestNamespace NS = TestNamespace.of(KubectlIT.class);
    private final LocalCluster cluster = LocalCluster.get();

    private Result kubectl(String... args) {
        return NS.kubectl(args);
    }

    private String manifest(String name) {
        return cluster.root().resolve("integration-tests/src/test/resources/manifests").resolve(name).toString();
    }

    @Test
    void apiResourcesListsEveryKindWithShortNames() {
        String out = kubectl("api-resources").assertOk().stdout();
        assertThat(out).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
        assertThat(out).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
        assertThat(out).containsPattern("horizontalpodautoscalers\\s+hpa\\s+autoscaling/v2\\s+true");
        assertThat(out).containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
        for (String kind : new String[] {"ReplicaSet", "StatefulSet", "DaemonSet", "Service", "ConfigMap", "Secret",
                "ReplicationController", "Node", "Event", "Endpoints"}) {
            assertThat(out).contains(kind);
        }
    }

    @Test
    void createGetDescribeAndDeleteAPod() {
        kubectl("create", "-f", manifest("pod.yaml")).assertOk();
        assertThat(kubectl("get", "pods").assertOk().stdout())
                .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
                .containsPattern("kubectl-pod\\s+[01]/1\\s+(Pending|ContainerCreating|Running)\\s+0\\s+\\d+s");
        assertThat(kubectl("get", "pod", "kubectl-pod", "-o", "name").assertOk().stdout().trim())
                .isEqualTo("pod/kubectl-pod");
        assertThat(kubectl("get", "pod", "kubectl-pod", "-o", "yaml").assertOk().stdout())
                .contains("restartPolicy: Always").contains("terminationGracePeriodSeconds: 30")
                .contains("resourceVersion:").contains("uid:");
        assertThat(kubectl("get", "pod", "kubectl-pod", "-o", "wide").assertOk().stdout())
                .containsPattern("IP\\s+NODE\\s+NOMINATED NODE");
        assertThat(kubectl("get", "pod", "kubectl-pod", "-o", "jsonpath={.spec.containers[0].image}").assertOk()
                .stdout()).isEqualTo("coxswain/busybox:1");
        assertThat(kubectl("describe", "pod", "kubectl-pod").assertOk().stdout())
                .containsPattern("Name:\\s+kubectl-pod").containsPattern("Labels:\\s+app=demo");
        Result again = kubectl("create", "-f", manifest("pod.yaml"));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("AlreadyExists").contains("\"kubectl-pod\" already exists");
        assertThat(kubectl("delete", "pod", "kubectl-pod").assertOk().stdout()).contains("pod \"kubectl-pod\" deleted");
        Result gone = kubectl("get", "pod", "kubectl-pod");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("pods \"kubectl-pod\" not found");
    }

    @Test
    void applyCreatesThenConfiguresThenLeavesUnchanged() {
        assertThat(kubectl("apply", "-f", manifest("deployment-v1.yaml")).assertOk().stdout())
                .contains("deployment.apps/applied created");
        assertThat(kubectl("apply", "-f", manifest("deployment-v2.yaml")).assertOk().stdout())
                .contains("deployment.apps/applied configured");
        assertThat(kubectl("apply", "-f", manifest("deployment-v2.yaml")).assertOk().stdout())
                .contains("deployment.apps/applied unchanged");
        String json = kubectl("get", "deploy", "applied", "-o",
                "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[*].name}"
                        + " {.metadata.generation} {.spec.strategy.type}").assertOk().stdout();
        assertThat(json).isEqualTo("coxswain/busybox:2 MODE EXTRA 2 RollingUpdate");
        kubectl("delete", "-f", manifest("deployment-v2.yaml")).assertOk();
    }

    @Test
    void unknownFieldsAreRefusedUnderKubectlsStrictValidation() {
        String typo = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: typo-config
                  labelz: {a: b}
                data:
                  k: v
                """;
        LocalCluster.Result refused = NS.kubectlWithInput(typo, "apply", "-f", "-");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("strict decoding error: unknown field \"metadata.labelz\"");
        assertThat(kubectl("get", "cm", "typo-config").exitCode()).isNotZero();
        LocalCluster.Result warned = NS.kubectlWithInput(typo, "apply", "--validate=warn", "-f", "-");
        assertThat(warned.assertOk().stderr()).contains("unknown field \"metadata.labelz\"");
        assertThat(kubectl("get", "cm", "typo-config", "-o", "jsonpath={.metadata.labelz}{.data.k}").assertOk()
                .stdout()).isEqualTo("v");
        kubectl("delete", "cm", "typo-config").assertOk();
    }

    @Test
    void serverSideApplyCreatesAndUpdates() {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ssa-config
                data:
                  color: blue
                """;
        assertThat(NS.kubectlWithInput(manifest, "apply", "--server-side", "-f", "-").assertOk().stdout())
                .contains("configmap/ssa-config serverside-applied");
        assertThat(NS.kubectlWithInput(manifest.replace("blue", "green"), "apply", "--server-side", "-f", "-")
                .assertOk().stdout()).contains("configmap/ssa-config serverside-applied");
        assertThat(kubectl("get", "cm", "ssa-config", "-o", "jsonpath={.data.color}").assertOk().stdout())
                .isEqualTo("green");
        kubectl("delete", "cm", "ssa-config").assertOk();
    }

    @Test
    void labelAnnotateAndEveryKindOfPatch() {
        kubectl("create", "configmap", "patched", "--from-literal=a=1").assertOk();
        kubectl("label", "cm", "patched", "tier=be", "canary=yes").assertOk();
        kubectl("label", "cm", "patched", "canary-").assertOk();
        kubectl("annotate", "cm", "patched", "owner=team-a").assertOk();
        kubectl("patch", "cm", "patched", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}").assertOk();
        kubectl("patch", "cm", "patched", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"10\"}]")
                .assertOk();
        kubectl("patch", "cm", "patched", "-p", "{\"data\":{\"c\":\"3\"}}").assertOk();
        String out = kubectl("get", "cm", "patched", "-o",
                "jsonpath={.metadata.labels} {.metadata.annotations.owner} {.data.a} {.data.b} {.data.c}")
                .assertOk().stdout();
        assertThat(out).isEqualTo("{\"tier\":\"be\"} team-a 10 2 3");
        kubectl("delete", "cm", "patched").assertOk();
    }

    @Test
    void setBasedLabelSelectors() {
        kubectl("create", "configmap", "sel-fe", "--from-literal=x=1").assertOk();
        kubectl("create", "configmap", "sel-be", "--from-literal=x=1").assertOk();
        kubectl("create", "configmap", "sel-canary", "--from-literal=x=1").assertOk();
        kubectl("create", "configmap", "sel-other", "--from-literal=x=1").assertOk();
        kubectl("label", "cm", "sel-fe", "tier=fe").assertOk();
        kubectl("label", "cm", "sel-be", "tier=be").assertOk();
        kubectl("label", "cm", "sel-canary", "tier=fe", "canary=true").assertOk();
        kubectl("label", "cm", "sel-other", "tier=db").assertOk();
        String out = kubectl("get", "cm", "-l", "tier in (fe,be),!canary", "-o", "name").assertOk().stdout();
        assertThat(out.lines()).containsExactly("configmap/sel-be", "configmap/sel-fe");
        kubectl("delete", "cm", "sel-fe", "sel-be", "sel-canary", "sel-other").assertOk();
    }

    @Test
    void scaleADeployment() {
        kubectl("apply", "-f", manifest("deployment-v1.yaml")).assertOk();
        assertThat(kubectl("scale", "deploy", "applied", "--replicas=5").assertOk().stdout())
                .contains("deployment.apps/applied scaled");
        assertThat(kubectl("get", "deploy", "applied", "-o", "jsonpath={.spec.replicas}").assertOk().stdout())
                .isEqualTo("5");
        kubectl("scale", "deploy", "applied", "--current-replicas=5", "--replicas=3").assertOk();
        assertThat(kubectl("get", "deploy", "applied", "-o", "jsonpath={.spec.replicas}").assertOk().stdout())
                .isEqualTo("3");
        kubectl("delete", "deploy", "applied").assertOk();
    }

    @Test
    void getAllShowsWorkloadsAndServices() {
        kubectl("create", "service", "clusterip", "all-svc", "--tcp=80:8080").assertOk();
        String out = kubectl("get", "all").assertOk().stdout();
        assertThat(out).containsPattern("service/all-svc\\s+ClusterIP\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP");
        kubectl("delete", "svc", "all-svc").assertOk();
    }

    /** Namespaces of its own besides the class's, named so that no other class has them. */
    @Test
    void namespacesAreCreatedAndDeletedWithTheirContents() {
        String team = NS.prefixed("team-x");
        cluster.kubectl("create", "namespace", team).assertOk();
        cluster.kubectl("-n", team, "create", "configmap", "inside", "--from-literal=k=v").assertOk();
        assertThat(cluster.kubectl("get", "ns").assertOk().stdout()).containsPattern(team + "\\s+Active")
                .containsPattern("default\\s+Active");
        assertThat(cluster.kubectl("get", "cm", "-A", "-o", "name").assertOk().stdout()).contains("configmap/inside");
        cluster.kubectl("delete", "namespace", team).assertOk();
        assertThat(cluster.kubectl("-n", team, "get", "cm", "inside").stderr()).contains("not found");
        String missing = NS.prefixed("no-such-ns");
        Result refused = cluster.kubectl("-n", missing, "create", "configmap", "x", "--from-literal=k=v");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("namespaces \"" + missing + "\" not found");
    }

}
