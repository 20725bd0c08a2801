package io.coxswain.node.runtime.docker;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DockerRuntime} reaches its engine and builds pods ({@code coxswain.node.docker}).
 *
 * @param host            the engine's address ({@code unix:///var/run/docker.sock}, {@code tcp://host:2375})
 * @param clusterId       the cluster the node belongs to, and {@code nodeName} the node: every container carries both
 *                        as labels, so several workers — of one cluster or of several (a developer's and a test
 *                        run's, both with a worker-1) — share one engine and each lists only its own
 * @param root            where emptyDir volumes live on the host (bind-mounted into the pod's containers)
 * @param sandboxImage    the image of the sandbox container that holds a pod's network and IPC namespaces; must be
 *                        present locally (bin/coxswain images makes it)
 * @param network         the Docker network sandboxes join; the pod IP is the sandbox's address on it
 * @param connectTimeout  how long to wait for the engine to accept a connection
 * @param execOutputLimit bytes kept of each of an exec's stdout and stderr (probes need little)
 */
public record DockerRuntimeSettings(
        String host,
        String clusterId,
        String nodeName,
        Path root,
        String sandboxImage,
        String network,
        Duration connectTimeout,
        int execOutputLimit) {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    public static final String DEFAULT_SANDBOX_IMAGE = "coxswain/busybox:1";
    public static final String DEFAULT_CLUSTER_ID = "local";

    public DockerRuntimeSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (nodeName.isBlank()) {
            throw new IllegalArgumentException("nodeName must not be blank");
        }
        if (execOutputLimit <= 0) {
            throw new IllegalArgumentException("execOutputLimit must be positive");
        }
    }

    public static DockerRuntimeSettings defaults(String nodeName, Path root) {
        return new DockerRuntimeSettings(DEFAULT_HOST, DEFAULT_CLUSTER_ID, nodeName, root, DEFAULT_SANDBOX_IMAGE, "bridge",
                Duration.ofSeconds(5), 64 * 1024);
    }

    /** From {@code coxswain.node.docker} of the worker's configuration. */
    public static DockerRuntimeSettings from(Config docker, String nodeName, Path root) {
        return new DockerRuntimeSettings(docker.getString("host"), docker.getString("cluster-id"), nodeName, root, docker.getString("sandbox-image"),
                docker.getString("network"), docker.getDuration("connect-timeout"), 64 * 1024);
    }

    public DockerRuntimeSettings withHost(String newHost) {
        return new DockerRuntimeSettings(newHost, clusterId, nodeName, root, sandboxImage, network, connectTimeout,
                execOutputLimit);
    }
}
