package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the process runtime will run for a container spec, checked before anything is made on disk.
 *
 * @param executable the host file the command's first word resolved to
 */
record LaunchPlan(List<String> command, Map<String, String> env, Path workingDirectory, Path executable) {

    /**
     * @param ownDirectory the attempt's own directory, used unless the spec names a directory the host has
     * @param hostPath     the PATH a container gets unless its env sets one
     * @throws ContainerStartException when there is neither command nor args, or nothing to execute for it
     */
    static LaunchPlan of(ContainerSpec spec, Path ownDirectory, String hostPath) {
        // Kubernetes' command replaces the image's entrypoint. Images here have none to read (our busybox has no
        // entrypoint, as `kubectl run IMAGE -- sh -c …` expects), so without a command the args are what runs.
        List<String> command = new ArrayList<>(spec.command());
        command.addAll(spec.args());
        if (command.isEmpty()) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR,
                    "the process runtime needs a command or args: it cannot read the entrypoint of image \""
                            + spec.image() + "\"");
        }
        Map<String, String> env = environment(spec, hostPath);
        Path workingDirectory = workingDirectory(spec, ownDirectory);
        Path executable = ExecutableLookup.resolveForStart(command.get(0), env.getOrDefault("PATH", ""),
                workingDirectory);
        return new LaunchPlan(command, env, workingDirectory, executable);
    }

    /** The spec's env as given; the host's PATH (unless the spec sets one) and the volume variables besides. */
    private static Map<String, String> environment(ContainerSpec spec, String hostPath) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", hostPath);
        for (VolumeMount mount : spec.volumeMounts()) {
            env.put(ProcessRuntime.volumeVariable(mount.name()), mount.hostPath().toAbsolutePath().toString());
        }
        env.putAll(spec.env());
        return env;
    }

    /** The requested directory if the host has it (a path inside an image means nothing here), else our own. */
    private static Path workingDirectory(ContainerSpec spec, Path ownDirectory) {
        if (!spec.workingDir().isEmpty()) {
            Path requested = Path.of(spec.workingDir());
            if (requested.isAbsolute() && Files.isDirectory(requested)) {
                return requested;
            }
        }
        return ownDirectory;
    }
}
