package io.coxswain.node.runtime;

import java.util.Set;
import java.util.stream.Collectors;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * Runs the containers of the pods bound to one node (the shape of Nomad's driver plug-ins and of the CRI).
 *
 * <p>The runtime keeps no desired state: the node agent compares the pods bound to its node with {@link #list()}
 * and starts, stops and removes until they agree. Everything {@code list()} reports carries the pod and container
 * it belongs to, so an agent that restarts adopts the containers it finds instead of starting them twice.
 *
 * <p>Implementations are safe to call from several threads. Methods that name a container it does not know throw
 * {@link ContainerNotFoundException}.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The name the agent is configured with and that prefixes container ids in pod status ({@code process://…}). */
    String name();

    /** Prepares the pod-level environment (a pod directory, emptyDir volumes, an IP). Returns the existing sandbox if called again. */
    SandboxHandle createSandbox(PodSandboxSpec spec);

    /** Every sandbox this runtime holds on this node, including those created by an earlier instance. */
    List<SandboxHandle> listSandboxes();

    /** The uids of the pods this runtime holds a sandbox for: what {@link #listSandboxes()} names, more cheaply. */
    default Set<String> sandboxPodUids() {
        return listSandboxes().stream().map(SandboxHandle::podUid).collect(Collectors.toSet());
    }

    /** Kills whatever still runs in the pod without grace, then deletes the sandbox and everything in it. No-op if unknown. */
    void removeSandbox(String podUid);

    /**
     * Pulls (or resolves) the image and starts one attempt of a container in the sandbox.
     *
     * @param attempt the restart count of this container in its pod, counted by the agent (the CRI's
     *                {@code ContainerMetadata.attempt}); one attempt of one container can be started once.
     * @throws ImagePullException      the image cannot be had ({@code ErrImagePull})
     * @throws ContainerStartException the container could not be created or started (its reason says which)
     */
    ContainerHandle startContainer(SandboxHandle sandbox, ContainerSpec spec, int attempt);

    ContainerStatus inspect(ContainerId id);

    /** Every container this runtime manages on this node, in every state, whoever started it. */
    List<ContainerStatus> list();

    /**
     * Asks the container to stop (SIGTERM to everything it runs), waits up to {@code gracePeriod} and then kills
     * what is left (SIGKILL). Returns once nothing of the container runs. No-op for a container that has exited.
     */
    void stop(ContainerId id, Duration gracePeriod);

    /** Deletes an attempt: its state, working directory and logs. A running container is killed first. */
    void remove(ContainerId id);

    /** The container's output so far, chosen by {@code options}; {@code options.follow()} is ignored (see {@link #followLogs}). */
    LogChunk logs(ContainerId id, LogOptions options);

    /**
     * The container's output as chosen by {@code options}, then whatever it writes next, rendered as text lines;
     * the stream ends once the container has exited and all its output was read, or when it is closed.
     */
    InputStream followLogs(ContainerId id, LogOptions options);

    ResourceUsage stats(ContainerId id);

    /** Runs a command inside a running container (exec probes); output is captured, the command is killed after {@code timeout}. */
    ExecResult exec(ContainerId id, List<String> command, Duration timeout);

    /**
     * Starts {@code command} in a running container with its streams connected to {@code streams}, as
     * {@code kubectl exec} does, and returns at once.
     *
     * @throws ContainerNotRunningException when the container does not run
     */
    default StreamSession execStreaming(ContainerId id, List<String> command, SessionStreams streams) {
        throw new ContainerRuntimeException("NotSupported", "the " + name() + " runtime cannot exec into containers");
    }

    /**
     * Connects to the streams of the container's own process, as {@code kubectl attach} does: what it prints from
     * now on, and its stdin if the container was started with one.
     *
     * @throws ContainerNotRunningException when the container does not run
     */
    default StreamSession attach(ContainerId id, SessionStreams streams) {
        throw new ContainerRuntimeException("NotSupported", "the " + name() + " runtime cannot attach to containers");
    }

    /** Releases the runtime's own threads and files. Containers keep running so that a new instance can adopt them. */
    @Override
    void close();
}
