package io.coxswain.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A worker process: joins the Pekko Cluster named {@code coxswain} with role {@code worker}
 * through the seed masters and runs {@link WorkerGuardian}. bin/coxswain passes the member's
 * identity in environment variables; {@code COXSWAIN_SEEDS} (comma-separated) becomes the seed
 * list here because HOCON cannot split a variable.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) {
        ActorSystem.create(WorkerGuardian.create(), "coxswain", configFromEnvironment());
    }

    static Config configFromEnvironment() {
        Config overrides = ConfigFactory.empty();
        String seeds = System.getenv("COXSWAIN_SEEDS");
        if (seeds != null && !seeds.isBlank()) {
            overrides = overrides.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(
                    Arrays.stream(seeds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
        }
        return overrides.withFallback(ConfigFactory.load()).resolve();
    }
}
