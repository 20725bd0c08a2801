package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workloads of k8s-manifests/examples run as README says, and its rolling-update walk-through
 * does what it promises: every page served names the image it runs, v1 then v2 then v1 again.
 */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ExamplesIT {
    private static final TestNamespace NS = TestNamespace.of(ExamplesIT.class);
    private static final LocalCluster CLUSTER = LocalCluster.get();

    /** The pages the ready pods of the web Deployment serve, sorted. */
    private static List<String> pages() {
        String ips = NS.kubectl("get", "pods", "-l", "app=web,tier=fe", "-o", "jsonpath={range .items[*]}"
                + "{.status.podIP} {.metadata.deletionTimestamp}{'\\n'}{end}").assertOk().stdout();
        return Arrays.stream(ips.split("\n")).map(String::strip).filter(ip -> !ip.isEmpty() && !ip.contains(" "))
                .map(ip -> Http.get("http://" + ip + ":8080/").body().replaceAll("web-[a-z0-9-]+ runs ", ""))
                .map(String::strip).sorted().toList();
    }

    @Test
    void everyExampleRunsAndTheWebDeploymentRollsForwardAndBack() throws InterruptedException {
        NS.kubectl("apply", "-f", CLUSTER.root().resolve("k8s-manifests/examples").toString()).assertOk();

        assertThat(NS.kubectl("rollout", "status", "deployment/web", "--timeout=180s").assertOk().stdout())
                .contains("successfully rolled out");
        Await.until(() -> NS.kubectl("get", "rs", "sleeper", "-o", "jsonpath={.status.readyReplicas}").stdout(),
                "3", 90);
        Await.until(() -> NS.kubectl("get", "rc", "legacy", "-o", "jsonpath={.status.readyReplicas}").stdout(),
                "2", 90);
        Await.until(() -> NS.kubectl("get", "ds", "node-agent", "-o",
                "jsonpath={.status.desiredNumberScheduled}/{.status.numberReady}").stdout(), "3/3", 90);
        Await.until(() -> NS.kubectl("get", "pod", "web", "-o", "jsonpath={.status.phase}").stdout(), "Running", 60);
        String v1 = "<h1>coxswain/busybox:1</h1>";
        Await.until(ExamplesIT::pages, List.of(v1, v1, v1), 30);

        NS.kubectl("set", "image", "deployment/web", "httpd=coxswain/busybox:2").assertOk();
        NS.kubectl("rollout", "status", "deployment/web", "--timeout=180s").assertOk();
        String v2 = "<h1>coxswain/busybox:2</h1>";
        Await.until(ExamplesIT::pages, List.of(v2, v2, v2), 30);

        NS.kubectl("rollout", "undo", "deployment/web").assertOk();
        NS.kubectl("rollout", "status", "deployment/web", "--timeout=180s").assertOk();
        Await.until(ExamplesIT::pages, List.of(v1, v1, v1), 30);
    }
}
