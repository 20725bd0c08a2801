package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every master serves every object: written through one, read back identically through the others. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ReplicationIT {
    private static final TestNamespace NS = TestNamespace.of(ReplicationIT.class);
    private final LocalCluster cluster = LocalCluster.get();

    @Test
    void objectWrittenThroughMasterOneReadsBackIdenticallyThroughTheOthers() {
        // A kind no controller writes to, so what each master serves is exactly what was written.
        String path = NS.apiPath("services");
        String service = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"everywhere","labels":{"app":"x"}},
                 "spec":{"type":"NodePort","selector":{"app":"x"},
                 "ports":[{"name":"web","port":80,"targetPort":"http","protocol":"TCP"}]}}
                """;
        Http.Response created = Http.send("POST", cluster.masterUrl(1) + path, "application/json", service);
        assertThat(created.code()).isEqualTo(201);
        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            assertThat(Http.get(cluster.masterUrl(master) + path + "/everywhere").body())
                    .as("GET through master-%d", master).isEqualTo(created.body());
            assertThat(Http.get(cluster.masterUrl(master) + path + "?labelSelector=app%3Dx").body())
                    .as("LIST through master-%d", master).contains(created.body());
        }
        assertThat(NS.kubectl("--context", "master-3", "get", "service", "everywhere", "-o",
                "jsonpath={.metadata.uid}").assertOk().stdout())
                .isEqualTo(created.body().replaceAll(".*\"uid\":\"([^\"]+)\".*", "$1"));
        Http.send("DELETE", cluster.masterUrl(2) + path + "/everywhere", null, null);
        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            assertThat(Http.get(cluster.masterUrl(master) + path + "?labelSelector=app%3Dx").body())
                    .as("LIST through master-%d after the delete", master).doesNotContain("everywhere");
        }
    }

    @Test
    void aWatchOnOneMasterSeesWritesMadeThroughAnother() throws InterruptedException {
        NS.kubectl("--context", "master-1", "create", "configmap", "listed-first", "--from-literal=k=v")
                .assertOk();
        LocalCluster.Background watch = cluster.kubectlInBackground("--context", "master-2", "-n", NS.name(), "get",
                "configmaps", "-w", "-o", "name");
        try {
            // Printed from the initial list: the watch starts from that list's resourceVersion.
            assertThat(watch.awaitLine("configmap/listed-first", 30)).isTrue();
            NS.kubectl("--context", "master-1", "create", "configmap", "watched-elsewhere",
                    "--from-literal=k=v").assertOk();
            assertThat(watch.awaitLine("configmap/watched-elsewhere", 30)).isTrue();
        } finally {
            watch.stop();
            NS.kubectl("delete", "configmap", "listed-first", "watched-elsewhere");
        }
    }
}
