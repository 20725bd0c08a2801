package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of the API through kubectl, printed with the columns Kubernetes prints. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class KubectlKindsIT {
    private static final TestNamespace NS = TestNamespace.of(KubectlKindsIT.class);

    private static String manifest() {
        return LocalCluster.get().root().resolve("integration-tests/src/test/resources/manifests/all-kinds.yaml")
                .toString();
    }

    @BeforeAll
    static void applyEveryKind() {
        String out = NS.kubectl("apply", "-f", manifest()).assertOk().stdout();
        assertThat(out).contains("statefulset.apps/kinds-db created", "daemonset.apps/kinds-agent created",
                "replicationcontroller/kinds-rc created", "replicaset.apps/kinds-rs created",
                "horizontalpodautoscaler.autoscaling/kinds-hpa created", "secret/kinds-secret created",
                "service/kinds-svc created");
    }

    private String get(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "get";
        System.arraycopy(args, 0, command, 1, args.length);
        return NS.kubectl(command).assertOk().stdout();
    }

    @Test
    void statefulSetsShowReadyAndServerDefaults() {
        assertThat(get("sts")).containsPattern("NAME\\s+READY\\s+AGE").containsPattern("kinds-db\\s+0/3\\s+\\d+s");
        assertThat(get("sts", "kinds-db", "-o", "jsonpath={.spec.updateStrategy.type} {.spec.podManagementPolicy}"))
                .isEqualTo("RollingUpdate OrderedReady");
    }

    @Test
    void daemonSetsShowTheirNodeSelector() {
        assertThat(get("ds")).containsPattern(
                "NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+NODE SELECTOR\\s+AGE")
                .containsPattern("kinds-agent\\s+0\\s+0\\s+0\\s+0\\s+0\\s+disk=ssd\\s+\\d+s");
        assertThat(get("ds", "kinds-agent", "-o", "jsonpath={.spec.updateStrategy.rollingUpdate.maxUnavailable}"))
                .isEqualTo("1");
    }

    @Test
    void replicationControllersAndReplicaSetsShowDesiredAndSelectors() {
        assertThat(get("rc", "-o", "wide")).containsPattern("NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\\s+CONTAINERS"
                + "\\s+IMAGES\\s+SELECTOR").containsPattern("kinds-rc\\s+2\\s+\\d\\s+\\d\\s+\\d+s\\s+web\\s+coxswain/busybox:1"
                + "\\s+app=kinds-rc");
        assertThat(get("rs", "-o", "wide")).containsPattern("kinds-rs\\s+1\\s+\\d\\s+\\d\\s+\\d+s\\s+web\\s+"
                + "coxswain/busybox:1\\s+app in \\(kinds-rs\\)");
    }

    @Test
    void horizontalPodAutoscalersShowTheirTarget() {
        assertThat(get("hpa")).containsPattern("NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE")
                .containsPattern("kinds-hpa\\s+Deployment/kinds-web\\s+cpu: <unknown>/50%\\s+1\\s+5\\s+0\\s+\\d+s");
    }

    @Test
    void secretsAreStoredBase64AndServicesGetANodePort() {
        assertThat(get("secret", "kinds-secret", "-o", "jsonpath={.data.password}")).isEqualTo("czNjcmV0");
        assertThat(get("secrets")).containsPattern("kinds-secret\\s+Opaque\\s+1\\s+\\d+s");
        assertThat(get("svc", "kinds-svc")).containsPattern(
                "kinds-svc\\s+NodePort\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80:3\\d{4}/TCP\\s+\\d+s");
    }

    @Test
    void nodesAndEventsList() {
        assertThat(get("nodes")).containsPattern("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION")
                .containsPattern("worker-2\\s+Ready\\s+<none>\\s+\\d+\\w*\\s+v1.32.0-coxswain");
        // another namespace on purpose: kube-system exists from the start and nothing records events there
        var events = LocalCluster.get().kubectl("get", "events", "-n", "kube-system").assertOk();
        assertThat(events.stderr()).contains("No resources found in kube-system namespace.");
    }

    @Test
    void describeShowsAWorkload() {
        assertThat(NS.kubectl("describe", "sts", "kinds-db").assertOk().stdout())
                .containsPattern("Name:\\s+kinds-db").containsPattern("Replicas:\\s+3 desired");
    }
}
