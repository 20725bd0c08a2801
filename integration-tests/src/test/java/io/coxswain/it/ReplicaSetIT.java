package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ReplicaSets and ReplicationControllers keep their pods: pods deleted by hand and pods of a killed
 * worker are replaced, a matching orphan is adopted instead of a pod too many, and the status
 * counts what runs. Through kubectl and fabric8, on the docker workers.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ReplicaSetIT {
    private static final TestNamespace NS = TestNamespace.of(ReplicaSetIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();

    /** A ReplicaSet of busybox pods on the docker workers, tolerating an unreachable node for 2 s only. */
    private static String replicaSet(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      nodeSelector: {coxswain.io/runtime: docker}
                      terminationGracePeriodSeconds: 1
                      tolerations:
                        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                      containers:
                        - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """.formatted(name, replicas);
    }

    /** Pods of {@code app} that are not being deleted, as "name phase node" lines. */
    private static List<String> livePods(String app) {
        String out = NS.kubectl("get", "pods", "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.spec.nodeName} "
                        + "{.metadata.deletionTimestamp}{'\\n'}{end}").assertOk().stdout();
        return Arrays.stream(out.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> line.split(" ").length == 3).toList();
    }

    private static List<String> runningPods(String app) {
        return livePods(app).stream().filter(line -> line.split(" ")[1].equals("Running")).toList();
    }

    private static String rsStatus(String name) {
        return NS.kubectl("get", "rs", name, "-o",
                "jsonpath={.status.replicas}/{.status.readyReplicas}/{.status.availableReplicas}").assertOk().stdout();
    }

    @Test
    void keepsFivePodsWhilePodsAreDeletedByHand() throws InterruptedException {
        NS.apply(replicaSet("hand", 5));
        List<String> first = Await.until("5 running pods", () -> runningPods("hand"), pods -> pods.size() == 5, 90);
        Await.until(() -> rsStatus("hand"), "5/5/5", 30);

        Set<String> deleted = first.stream().limit(2).map(line -> line.split(" ")[0]).collect(Collectors.toSet());
        NS.kubectl("delete", "pod", "--wait=false", deleted.toArray(String[]::new)[0],
                deleted.toArray(String[]::new)[1]).assertOk();

        List<String> after = Await.until("5 running pods again, none of them deleted",
                () -> runningPods("hand"), pods -> pods.size() == 5
                        && pods.stream().noneMatch(line -> deleted.contains(line.split(" ")[0])), 90);
        assertThat(after).hasSize(5);
        Await.until(() -> rsStatus("hand"), "5/5/5", 30);
        assertThat(NS.kubectl("get", "events", "--field-selector", "involvedObject.name=hand").assertOk().stdout())
                .contains("SuccessfulCreate", "Created pod: hand-");
    }

    @Test
    void replacesThePodsOfAKilledWorkerOnTheOtherOne() throws InterruptedException {
        NS.apply(replicaSet("survive", 5));
        Await.until("5 running pods", () -> runningPods("survive"), pods -> pods.size() == 5, 90);
        CLUSTER.coxswain("kill", "worker-2").assertOk();
        try {
            List<String> pods = Await.until("5 running pods, all on worker-1", () -> runningPods("survive"),
                    running -> running.size() == 5 && running.stream().allMatch(line -> line.endsWith(" worker-1")),
                    LocalCluster.NODE_GRACE_SECONDS + 90);
            assertThat(pods).hasSize(5);
            assertThat(livePods("survive")).as("no pod beyond the five").hasSize(5);
        } finally {
            CLUSTER.coxswain("start", "worker-2").assertOk();
        }
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreatingASixthThroughFabric8() throws InterruptedException {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(CLUSTER.masterUrl(2))
                .withNamespace(NS.name()).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            Pod orphan = client.pods().resource(new PodBuilder().withNewMetadata().withName("orphan")
                    .addToLabels("app", "adopt").endMetadata().withNewSpec()
                    .addToNodeSelector("coxswain.io/runtime", "docker").withTerminationGracePeriodSeconds(1L)
                    .addNewContainer().withName("main").withImage("coxswain/busybox:1")
                    .withCommand("sleep", "3600").endContainer().endSpec().build()).create();
            Await.until("the orphan running", () -> client.pods().withName("orphan").get().getStatus().getPhase(),
                    "Running"::equals, 60);
            ReplicaSet rs = client.apps().replicaSets().resource(new ReplicaSetBuilder().withNewMetadata()
                    .withName("adopt").endMetadata().withNewSpec().withReplicas(5).withNewSelector()
                    .addToMatchLabels("app", "adopt").endSelector().withNewTemplate().withNewMetadata()
                    .addToLabels("app", "adopt").endMetadata().withNewSpec()
                    .addToNodeSelector("coxswain.io/runtime", "docker").withTerminationGracePeriodSeconds(1L)
                    .addNewContainer().withName("main").withImage("coxswain/busybox:1")
                    .withCommand("sleep", "3600").endContainer().endSpec().endTemplate().endSpec().build()).create();

            Await.until("5 ready replicas", () -> client.apps().replicaSets().withName("adopt").get().getStatus()
                    .getReadyReplicas(), ready -> ready != null && ready == 5, 90);
            List<Pod> pods = client.pods().withLabel("app", "adopt").list().getItems();
            assertThat(pods).hasSize(5);
            Pod adopted = client.pods().withName("orphan").get();
            assertThat(adopted.getMetadata().getUid()).isEqualTo(orphan.getMetadata().getUid());
            assertThat(adopted.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getUid()).isEqualTo(rs.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
            });
        }
    }

    @Test
    void aReplicationControllerKeepsPodsOfItsEqualitySelectorAndRefusesMatchExpressions()
            throws InterruptedException {
        NS.apply("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: rc}
                spec:
                  replicas: 2
                  selector: {app: rc}
                  template:
                    metadata: {labels: {app: rc}}
                    spec:
                      nodeSelector: {coxswain.io/runtime: docker}
                      terminationGracePeriodSeconds: 1
                      containers:
                        - {name: main, image: coxswain/busybox:1, command: [sleep, "3600"]}
                """);
        Await.until("2 running pods", () -> runningPods("rc"), pods -> pods.size() == 2, 90);
        NS.kubectl("scale", "rc", "rc", "--replicas=1").assertOk();
        Await.until("1 pod left", () -> livePods("rc"), pods -> pods.size() == 1, 60);

        LocalCluster.Result refused = NS.kubectlWithInput("""
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: rc-expressions}
                spec:
                  replicas: 1
                  selector:
                    matchExpressions: [{key: app, operator: In, values: [rc-expressions]}]
                  template:
                    metadata: {labels: {app: rc-expressions}}
                    spec:
                      containers: [{name: main, image: coxswain/busybox:1}]
                """, "apply", "-f", "-");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("selector");
        assertThat(NS.kubectl("get", "rc", "rc-expressions").exitCode()).isNotZero();
    }
}
