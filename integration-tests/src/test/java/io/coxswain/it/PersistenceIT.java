package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Objects live in Cassandra: a whole-cluster `down` and `up` brings them back unchanged. */
@ExtendWith(LocalCluster.class)
class PersistenceIT {
    private final LocalCluster cluster = LocalCluster.get();

    @Test
    void objectsSurviveAFullClusterRestart() {
        cluster.kubectl("create", "namespace", "durable").assertOk();
        cluster.kubectl("-n", "durable", "create", "configmap", "kept", "--from-literal=answer=42").assertOk();
        String before = Http.get(cluster.masterUrl(1) + "/api/v1/namespaces/durable/configmaps/kept").body();

        cluster.down();
        cluster.up();

        for (int master = 1; master <= LocalCluster.MASTERS; master++) {
            assertThat(Http.get(cluster.masterUrl(master) + "/api/v1/namespaces/durable/configmaps/kept").body())
                    .as("GET through master-%d after down and up", master).isEqualTo(before);
            assertThat(Http.get(cluster.masterUrl(master) + "/api/v1/namespaces/durable/configmaps").body())
                    .as("LIST through master-%d after down and up", master).contains(before);
        }
        // Versions keep growing across the restart: a new write is newer than everything before it.
        cluster.kubectl("-n", "durable", "label", "cm", "kept", "restarted=yes").assertOk();
        String after = cluster.kubectl("-n", "durable", "get", "cm", "kept", "-o",
                "jsonpath={.metadata.resourceVersion}").assertOk().stdout();
        String old = before.replaceAll(".*\"resourceVersion\":\"(\\d+)\".*", "$1");
        assertThat(Long.parseLong(after)).isGreaterThan(Long.parseLong(old));
        cluster.kubectl("delete", "namespace", "durable").assertOk();
    }
}
