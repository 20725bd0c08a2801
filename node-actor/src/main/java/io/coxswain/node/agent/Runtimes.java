package io.coxswain.node.agent;

import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.process.ProcessRuntime;
import io.coxswain.node.runtime.process.ProcessRuntimeSettings;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntimeSettings;
import java.nio.file.Path;

/** The runtime a worker is configured with ({@code coxswain.node.runtime}). */
public final class Runtimes {
    private Runtimes() {}

    public static ContainerRuntime create(NodeSettings settings) {
        Path root = Path.of(settings.runtimeRoot(), settings.name());
        try {
            java.nio.file.Files.createDirectories(root.resolve("process"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the runtime's folder " + root, e);
        }
        return switch (settings.runtime()) {
            case "process" -> new ProcessRuntime(ProcessRuntimeSettings.defaults(root.resolve("process")));
            case "simulated" -> new SimulatedRuntime(SimulatedRuntimeSettings.defaults());
            case "docker" -> throw new IllegalArgumentException(
                    "the docker runtime is not built yet; start workers with --runtime process or simulated");
            default -> throw new IllegalArgumentException("unknown runtime " + settings.runtime()
                    + " (docker, process or simulated)");
        };
    }
}
