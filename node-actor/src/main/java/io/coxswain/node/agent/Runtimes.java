package io.coxswain.node.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.docker.DockerRuntime;
import io.coxswain.node.runtime.docker.DockerRuntimeSettings;
import io.coxswain.node.runtime.process.ProcessRuntime;
import io.coxswain.node.runtime.process.ProcessRuntimeSettings;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runtime a worker is configured with ({@code coxswain.node.runtime}). */
public final class Runtimes {
    private Runtimes() {}

    public static ContainerRuntime create(NodeSettings settings) {
        return create(settings, ConfigFactory.load());
    }

    /** @param config the worker's configuration, for the runtime's own settings ({@code coxswain.node.docker}) */
    public static ContainerRuntime create(NodeSettings settings, Config config) {
        Path root = Path.of(settings.runtimeRoot(), settings.name());
        return switch (settings.runtime()) {
            case "process" -> new ProcessRuntime(ProcessRuntimeSettings.defaults(folder(root.resolve("process"))));
            case "simulated" -> new SimulatedRuntime(SimulatedRuntimeSettings.defaults());
            case "docker" -> {
                DockerRuntime docker = new DockerRuntime(DockerRuntimeSettings.from(
                        config.getConfig("coxswain.node.docker"), settings.name(), folder(root.resolve("docker"))));
                docker.ping(); // a worker without its engine fails at start, with the engine's address in the message
                yield docker;
            }
            default -> throw new IllegalArgumentException("unknown runtime " + settings.runtime()
                    + " (docker, process or simulated)");
        };
    }

    private static Path folder(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runtime's folder " + path, e);
        }
    }
}
