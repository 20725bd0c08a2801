package io.coxswain.node.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One container of a pod spec, as the agent hands it to a runtime.
 *
 * <p>{@code command} replaces the image's entrypoint and {@code args} its default arguments, as in Kubernetes.
 *
 * @param workingDir empty for the runtime's default
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> args,
        Map<String, String> env,
        String workingDir,
        List<ContainerPort> ports,
        ContainerResources resources,
        List<VolumeMount> volumeMounts,
        ContainerStdio stdio) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public ContainerSpec {
        requireDnsLabel(name);
        Objects.requireNonNull(image, "image");
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        // Insertion order kept: it is the order a user wrote and the order a shell would see.
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        workingDir = workingDir == null ? "" : workingDir;
        ports = ports == null ? List.of() : List.copyOf(ports);
        resources = resources == null ? ContainerResources.NONE : resources;
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        stdio = stdio == null ? ContainerStdio.NONE : stdio;
    }

    /** A container that runs {@code command} (with no args, env, ports, limits or volumes). */
    public static ContainerSpec of(String name, String image, String... command) {
        return new ContainerSpec(name, image, List.of(command), List.of(), Map.of(), "", List.of(), null, List.of(), null);
    }

    public ContainerSpec withArgs(String... newArgs) {
        return new ContainerSpec(name, image, command, List.of(newArgs), env, workingDir, ports, resources, volumeMounts,
                stdio);
    }

    public ContainerSpec withEnv(Map<String, String> newEnv) {
        return new ContainerSpec(name, image, command, args, newEnv, workingDir, ports, resources, volumeMounts,
                stdio);
    }

    public ContainerSpec withWorkingDir(String newWorkingDir) {
        return new ContainerSpec(name, image, command, args, env, newWorkingDir, ports, resources, volumeMounts,
                stdio);
    }

    public ContainerSpec withResources(ContainerResources newResources) {
        return new ContainerSpec(name, image, command, args, env, workingDir, ports, newResources, volumeMounts,
                stdio);
    }

    public ContainerSpec withVolumeMounts(VolumeMount... mounts) {
        return new ContainerSpec(name, image, command, args, env, workingDir, ports, resources, List.of(mounts),
                stdio);
    }

    public ContainerSpec withStdio(ContainerStdio newStdio) {
        return new ContainerSpec(name, image, command, args, env, workingDir, ports, resources, volumeMounts,
                newStdio);
    }

    /** Container and volume names become file names and ids: Kubernetes already limits them to DNS labels. */
    static String requireDnsLabel(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a DNS label (RFC 1123)");
        }
        return name;
    }
}
