package io.coxswain.controlplane;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A master process: joins the Pekko Cluster named {@code coxswain} with role {@code master} and
 * runs {@link MasterGuardian}. bin/coxswain passes the member's identity in environment
 * variables; {@code COXSWAIN_SEEDS} (comma-separated addresses) and {@code COXSWAIN_CASSANDRA}
 * (comma-separated host:port) become lists here because HOCON cannot split a variable.
 */
public final class MasterMain {
    public static final String CLUSTER_NAME = "coxswain";

    private MasterMain() {}

    public static void main(String[] args) {
        ActorSystem.create(MasterGuardian.create(), CLUSTER_NAME, configFromEnvironment());
    }

    static Config configFromEnvironment() {
        Config overrides = ConfigFactory.empty();
        String seeds = System.getenv("COXSWAIN_SEEDS");
        if (seeds != null && !seeds.isBlank()) {
            overrides = overrides.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(split(seeds)));
        }
        String cassandra = System.getenv("COXSWAIN_CASSANDRA");
        if (cassandra != null && !cassandra.isBlank()) {
            overrides = overrides.withValue("datastax-java-driver.basic.contact-points",
                    ConfigValueFactory.fromIterable(split(cassandra)));
        }
        return overrides.withFallback(ConfigFactory.load()).resolve();
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
