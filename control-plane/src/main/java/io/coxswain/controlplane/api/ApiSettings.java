package io.coxswain.controlplane.api;

import com.typesafe.config.Config;
import io.coxswain.controlplane.streams.StreamLimits;
import java.time.Duration;

/** The API server's settings, from {@code coxswain.api}. */
public record ApiSettings(String host, int port, Duration requestTimeout, Duration entityAskTimeout,
                          long maxBodyBytes, Duration defaultWatchTimeout, int maxListLimit, int watchBuffer,
                          Duration readinessCheckTimeout, StreamLimits streams) {

    public static ApiSettings from(Config config) {
        Config api = config.getConfig("coxswain.api");
        return new ApiSettings(api.getString("host"), api.getInt("port"), api.getDuration("request-timeout"),
                api.getDuration("entity-ask-timeout"), api.getBytes("max-body-bytes"),
                api.getDuration("default-watch-timeout"), api.getInt("max-list-limit"),
                config.getInt("coxswain.cache.watch-buffer"), api.getDuration("readiness-check-timeout"),
                StreamLimits.from(config));
    }
}
