package io.coxswain.node.metrics;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the node agent samples resource usage, from {@code coxswain.node.metrics}.
 *
 * @param interval time between samples: also the window CPU rates are averaged over
 */
public record MetricsSettings(Duration interval) {
    public static MetricsSettings from(Config config) {
        return new MetricsSettings(config.getDuration("coxswain.node.metrics.interval"));
    }
}
