package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Objects live in Cassandra: a whole-cluster `down` and `up` brings them back unchanged. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class PersistenceIT {
    private static final TestNamespace NS = TestNamespace.of(PersistenceIT.class);
    private final LocalCluster cluster = LocalCluster.get();

    @Test
    void objectsSurviveAFullClusterRestart() {
        NS.kubectl("create", "configmap", "kept", "--from-literal=answer=42").assertOk();
        String configMaps = NS.apiPath("configmaps");
        String before = Http.get(cluster.masterUrl(1) + configMaps + "/kept").body();

        cluster.down();
        cluster.up();

        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            assertThat(Http.get(cluster.masterUrl(master) + configMaps + "/kept").body())
                    .as("GET through master-%d after down and up", master).isEqualTo(before);
            assertThat(Http.get(cluster.masterUrl(master) + configMaps).body())
                    .as("LIST through master-%d after down and up", master).contains(before);
        }
        // A watch from before the restart cannot be resumed from this master's new history: 410 Gone,
        // delivered as an ERROR event, after which clients relist.
        String oldVersion = before.replaceAll(".*\"resourceVersion\":\"(\\d+)\".*", "$1");
        Http.Response expired = Http.get(cluster.masterUrl(1) + configMaps + "?watch=true"
                + "&timeoutSeconds=5&resourceVersion=" + oldVersion);
        assertThat(expired.code()).isEqualTo(200);
        assertThat(expired.body()).startsWith("{\"type\":\"ERROR\"").contains("\"code\":410")
                .contains("\"reason\":\"Expired\"");
        // Versions keep growing across the restart: a new write is newer than everything before it.
        NS.kubectl("label", "cm", "kept", "restarted=yes").assertOk();
        String after = NS.kubectl("get", "cm", "kept", "-o",
                "jsonpath={.metadata.resourceVersion}").assertOk().stdout();
        String old = before.replaceAll(".*\"resourceVersion\":\"(\\d+)\".*", "$1");
        assertThat(Long.parseLong(after)).isGreaterThan(Long.parseLong(old));
    }
}
