package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerResources;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerRuntimeException;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.ImagePreparation;
import io.coxswain.node.runtime.ImagePullException;
import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogLine;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.ResourceUsage;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import io.coxswain.node.runtime.VolumeMount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pods as Docker containers, the way the kubelet's dockershim did.
 *
 * <p>A pod is a <em>sandbox</em> container (the sandbox image running {@code sleep} under an init, with shareable IPC
 * and its own address on the bridge network: the pod IP) plus one container per attempt of each of the pod's
 * containers, joined to the sandbox's network and IPC namespaces (so they reach each other on localhost) and, when
 * the pod shares its process namespace, to its PID namespace. Every container runs under the engine's init
 * ({@code --init}) so that SIGTERM reaches the command even when it is a shell.
 *
 * <p>The engine is the only record: containers carry labels naming node, pod, container and attempt
 * ({@link DockerLabels}), so {@link #list()} and {@link #listSandboxes()} rebuild everything from it and a runtime
 * started anew adopts what an earlier one started. Images are never pulled: no registry is reachable from these
 * nodes, so an image the engine does not have fails with {@link ImagePullException} (build images locally, e.g.
 * {@code bin/coxswain images}). emptyDir volumes are host folders under the settings' root, bind-mounted.
 */
public final class DockerRuntime implements ContainerRuntime {
    public static final String NAME = "docker";
    /** The sandbox's command: sleeps until stopped (the init forwards SIGTERM to it). */
    static final List<String> SANDBOX_COMMAND = List.of("sleep", "2147483647");
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int HOSTNAME_MAX = 63;
    private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

    private record Observed(String dockerState, ContainerStatus status) {}

    /** A sandbox seen running, with what starting a container in it needs. */
    private record RunningSandbox(String containerId, boolean shareProcessNamespace, SandboxHandle handle) {}

    private final DockerRuntimeSettings settings;
    private final DockerLabels.Owner owner;
    private final DockerHttpClient http;
    private final DockerClient client;
    private final DockerExec exec;
    private final DockerSessions sessions;
    private final DockerStats stats;
    private final ImageExecutables executables;
    private final Clock clock = Clock.systemUTC();
    /** Statuses by container id with the engine state they were read in: re-inspected only when that changes. */
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    /**
     * The sandboxes known to run, by pod uid: the agent asks for every pod's sandbox every round, and one
     * {@link #list()} per round (which drops those no longer running) saves two engine calls per pod.
     */
    private final Map<String, RunningSandbox> runningSandboxes = new ConcurrentHashMap<>();
    private final Map<String, Object> podLocks = new ConcurrentHashMap<>();

    public DockerRuntime(DockerRuntimeSettings settings) {
        this.settings = settings;
        this.owner = new DockerLabels.Owner(settings.clusterId(), settings.nodeName());
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host())
                .build();
        // No response timeout: stops wait out grace periods and followed logs stay open as long as a container runs.
        this.http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(settings.host()))
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(settings.connectTimeout())
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.exec = new DockerExec(client, settings.execOutputLimit());
        this.sessions = new DockerSessions(client, settings.host());
        this.stats = new DockerStats(http);
        this.executables = new ImageExecutables(http);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Fails with a clear message when the engine does not answer (the worker checks this at start). */
    public void ping() {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new ContainerRuntimeException("RuntimeNotReady",
                    "the Docker engine at " + settings.host() + " does not answer: " + e.getMessage(), e);
        }
    }

    // ---- sandboxes

    @Override
    public SandboxHandle createSandbox(PodSandboxSpec spec) {
        PodRef pod = spec.pod();
        synchronized (lockFor(pod.uid())) {
            for (String volume : spec.emptyDirVolumes()) {
                createDirectories(emptyDir(pod.uid(), volume));
            }
            RunningSandbox running = runningSandboxes.get(pod.uid());
            if (running != null) {
                return running.handle();
            }
            Optional<Container> existing = findSandbox(pod.uid());
            String id;
            if (existing.isPresent()) {
                id = existing.get().getId();
                if (!"running".equals(existing.get().getState())) {
                    startSandbox(id, pod);
                }
            } else {
                id = newSandbox(spec);
            }
            InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
            SandboxHandle handle = handle(inspected, pod);
            if (Boolean.TRUE.equals(inspected.getState().getRunning())) {
                runningSandboxes.put(pod.uid(), new RunningSandbox(id, Boolean.parseBoolean(inspected.getConfig()
                        .getLabels().getOrDefault(DockerLabels.SHARE_PROCESS_NAMESPACE, "false")), handle));
            }
            return handle;
        }
    }

    private String newSandbox(PodSandboxSpec spec) {
        PodRef pod = spec.pod();
        HostConfig host = HostConfig.newHostConfig()
                .withInit(true)
                .withIpcMode("shareable")
                .withNetworkMode(settings.network());
        String id;
        try {
            CreateContainerResponse created = client.createContainerCmd(settings.sandboxImage())
                    .withName(DockerLabels.sandboxName(pod))
                    .withHostName(hostname(pod.name()))
                    .withCmd(SANDBOX_COMMAND)
                    .withLabels(DockerLabels.sandbox(owner, pod, spec.shareProcessNamespace()))
                    .withHostConfig(host)
                    .exec();
            id = created.getId();
        } catch (NotFoundException e) {
            throw new ImagePullException(pullFailure(settings.sandboxImage()) + " (the sandbox image of pod " + pod
                    + ")");
        } catch (ConflictException e) {
            // Another call made it meanwhile (or a removal is under way): use the one that exists.
            return findSandbox(pod.uid()).map(Container::getId).orElseThrow(() -> new ContainerRuntimeException(
                    "CreatePodSandboxError", "cannot create the sandbox of " + pod + ": " + engineMessage(e), e));
        }
        startSandbox(id, pod);
        return id;
    }

    private void startSandbox(String id, PodRef pod) {
        try {
            client.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // running already
        } catch (DockerException e) {
            throw new ContainerRuntimeException("CreatePodSandboxError",
                    "cannot start the sandbox of " + pod + ": " + engineMessage(e), e);
        }
    }

    @Override
    public List<SandboxHandle> listSandboxes() {
        List<SandboxHandle> sandboxes = new ArrayList<>();
        for (Container container : listOurs(DockerLabels.SANDBOX, null)) {
            try {
                InspectContainerResponse inspected = client.inspectContainerCmd(container.getId()).exec();
                sandboxes.add(handle(inspected, DockerLabels.podOf(inspected.getConfig().getLabels())));
            } catch (NotFoundException e) {
                // removed while we listed
            }
        }
        return sandboxes;
    }

    /** From the sandbox containers' labels: one list call, no inspection. */
    @Override
    public Set<String> sandboxPodUids() {
        return listOurs(DockerLabels.SANDBOX, null).stream()
                .map(container -> DockerLabels.podOf(container.getLabels()).uid())
                .filter(uid -> uid != null)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void removeSandbox(String podUid) {
        synchronized (lockFor(podUid)) {
            runningSandboxes.remove(podUid);
            for (Container container : listOurs(DockerLabels.CONTAINER, podUid)) {
                forceRemove(container.getId());
            }
            for (Container container : listOurs(DockerLabels.SANDBOX, podUid)) {
                forceRemove(container.getId());
            }
            deleteRecursively(podDirectory(podUid));
        }
        podLocks.remove(podUid);
    }

    private SandboxHandle handle(InspectContainerResponse sandbox, PodRef pod) {
        String ip = "";
        if (sandbox.getNetworkSettings() != null && sandbox.getNetworkSettings().getNetworks() != null) {
            ContainerNetwork network = sandbox.getNetworkSettings().getNetworks().get(settings.network());
            if (network != null && network.getIpAddress() != null) {
                ip = network.getIpAddress();
            }
        }
        Map<String, Path> emptyDirs = new LinkedHashMap<>();
        Path volumes = podDirectory(pod.uid()).resolve("volumes");
        if (Files.isDirectory(volumes)) {
            try (Stream<Path> children = Files.list(volumes)) {
                children.sorted().forEach(dir -> emptyDirs.put(dir.getFileName().toString(), dir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the emptyDir volumes of " + pod, e);
            }
        }
        return new SandboxHandle(pod, ip, emptyDirs);
    }

    private Optional<Container> findSandbox(String podUid) {
        return listOurs(DockerLabels.SANDBOX, podUid).stream().findFirst();
    }

    /** The pod's folder on the host; its emptyDirs are {@code volumes/<name>} in it. */
    Path podDirectory(String podUid) {
        return settings.root().resolve("pods").resolve(podUid);
    }

    private Path emptyDir(String podUid, String volume) {
        return podDirectory(podUid).resolve("volumes").resolve(volume);
    }

    // ---- containers

    @Override
    public ContainerHandle startContainer(SandboxHandle sandbox, ContainerSpec spec, int attempt) {
        PodRef pod = sandbox.pod();
        RunningSandbox running = runningSandboxes.get(pod.uid());
        String sandboxId;
        boolean sharePid;
        if (running != null) {
            sandboxId = running.containerId();
            sharePid = running.shareProcessNamespace();
        } else {
            Container sandboxContainer = findSandbox(pod.uid()).orElseThrow(() -> new ContainerStartException(
                    ContainerStartException.CREATE_CONTAINER_ERROR, "no sandbox for pod " + pod));
            if (!"running".equals(sandboxContainer.getState())) {
                startSandbox(sandboxContainer.getId(), pod);
            }
            sandboxId = sandboxContainer.getId();
            sharePid = Boolean.parseBoolean(
                    sandboxContainer.getLabels().getOrDefault(DockerLabels.SHARE_PROCESS_NAMESPACE, "false"));
        }
        String joined = "container:" + sandboxId;
        HostConfig host = HostConfig.newHostConfig()
                .withInit(true)
                .withNetworkMode(joined)
                .withIpcMode(joined)
                .withBinds(binds(spec.volumeMounts()));
        if (sharePid) {
            host.withPidMode(joined);
        }
        limits(host, spec.resources());
        String id = create(pod, spec, attempt, host, Map.of());
        Optional<String> missing = executables.missingExecutable(client.inspectContainerCmd(id).exec());
        if (missing.isPresent()) {
            // Made again, never to start, with runc's words on it: list() reports it as an attempt that never
            // ran (StartError), so the agent backs off before the next attempt, as with containerd.
            forceRemove(id);
            create(pod, spec, attempt, host, Map.of(DockerLabels.START_ERROR, missing.get()));
            throw new ContainerStartException(ContainerStartException.START_ERROR, missing.get());
        }
        try {
            client.startContainerCmd(id).exec();
        } catch (DockerException e) {
            // The container stays, as an attempt that never ran (the engine keeps the error in its state).
            observed.remove(id);
            throw new ContainerStartException(ContainerStartException.START_ERROR, engineMessage(e), e);
        }
        // Not inspected here: the agent inspects the attempt it started right after (one engine call, not two).
        // Images are never pulled (no registry is reachable): create found this one locally (else it is a 404).
        return new ContainerHandle(new ContainerId(id), pod, spec.name(), attempt, clock.instant(),
                ImagePreparation.alreadyPresent(spec.image()));
    }

    private String create(PodRef pod, ContainerSpec spec, int attempt, HostConfig host, Map<String, String> extraLabels) {
        Map<String, String> labels = DockerLabels.container(owner, pod, spec.name(), attempt);
        labels.putAll(extraLabels);
        var create = client.createContainerCmd(spec.image())
                .withName(DockerLabels.containerName(pod, spec.name(), attempt))
                .withLabels(labels)
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(host);
        if (!spec.command().isEmpty()) {
            create.withEntrypoint(spec.command());
        }
        if (!spec.args().isEmpty()) {
            create.withCmd(spec.args());
        }
        if (!spec.workingDir().isEmpty()) {
            create.withWorkingDir(spec.workingDir());
        }
        if (spec.stdio().stdin()) {
            // kubectl attach -i writes to it; stdinOnce closes it when the first attached client detaches.
            create.withStdinOpen(true).withStdInOnce(spec.stdio().stdinOnce());
        }
        if (spec.stdio().tty()) {
            create.withTty(true);
        }
        try {
            return create.exec().getId();
        } catch (ConflictException e) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR, "attempt " + attempt
                    + " of container \"" + spec.name() + "\" of pod " + pod + " exists already", e);
        } catch (NotFoundException e) {
            throw new ImagePullException(pullFailure(spec.image()));
        } catch (DockerException e) {
            throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR, engineMessage(e), e);
        }
    }

    private static List<Bind> binds(List<VolumeMount> mounts) {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount mount : mounts) {
            binds.add(new Bind(mount.hostPath().toAbsolutePath().toString(), new Volume(mount.containerPath()),
                    mount.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        return binds;
    }

    /** Limits become the engine's memory and CPU quota; the CPU request its relative weight, as the kubelet does. */
    private static void limits(HostConfig host, ContainerResources resources) {
        if (resources.memoryLimitBytes() > 0) {
            host.withMemory(resources.memoryLimitBytes());
        }
        if (resources.cpuLimitMillis() > 0) {
            host.withNanoCPUs(resources.cpuLimitMillis() * 1_000_000L);
        }
        if (resources.cpuMillis() > 0) {
            host.withCpuShares((int) Math.max(2, resources.cpuMillis() * 1024 / 1000));
        }
    }

    private String pullFailure(String image) {
        return "Failed to pull image \"" + image + "\": image \"" + image + "\" is not present on node "
                + settings.nodeName() + " and this node pulls from no registry (make it locally, e.g. "
                + "bin/coxswain images, or docker import/build it)";
    }

    @Override
    public ContainerStatus inspect(ContainerId id) {
        InspectContainerResponse inspected = inspectOurs(id);
        ContainerStatus status = DockerContainerStates.status(inspected);
        observed.put(id.value(), new Observed(inspected.getState().getStatus(), status));
        return status;
    }

    @Override
    public List<ContainerStatus> list() {
        List<ContainerStatus> statuses = new ArrayList<>();
        List<Container> containers = new ArrayList<>();
        Map<String, Container> sandboxes = new java.util.HashMap<>();
        for (Container container : listOurs(null, null)) {
            if (DockerLabels.SANDBOX.equals(container.getLabels().get(DockerLabels.KIND))) {
                sandboxes.put(DockerLabels.podOf(container.getLabels()).uid(), container);
            } else if (DockerLabels.CONTAINER.equals(container.getLabels().get(DockerLabels.KIND))) {
                containers.add(container);
            }
        }
        // A sandbox that stopped (or went) is no longer known to run: the next createSandbox looks and starts it.
        runningSandboxes.entrySet().removeIf(known -> {
            Container now = sandboxes.get(known.getKey());
            return now == null || !now.getId().equals(known.getValue().containerId())
                    || !"running".equals(now.getState());
        });
        for (Container container : containers) {
            Observed known = observed.get(container.getId());
            if (known != null && known.dockerState().equals(container.getState())) {
                statuses.add(known.status());
                continue;
            }
            try {
                statuses.add(inspect(new ContainerId(container.getId())));
            } catch (ContainerNotFoundException e) {
                // removed while we listed
            }
        }
        if (observed.size() > containers.size()) {
            var present = containers.stream().map(Container::getId).collect(java.util.stream.Collectors.toSet());
            observed.keySet().retainAll(present);
        }
        return statuses;
    }

    @Override
    public void stop(ContainerId id, Duration gracePeriod) {
        ContainerStatus status = inspect(id);
        if (status.state() != ContainerState.RUNNING) {
            return;
        }
        // The engine sends SIGTERM (to the init, which passes it on), waits, then SIGKILL; it counts whole seconds.
        long seconds = gracePeriod.isNegative() ? 0 : (gracePeriod.toMillis() + 999) / 1000;
        try {
            client.stopContainerCmd(id.value()).withTimeout((int) Math.min(Integer.MAX_VALUE, seconds)).exec();
        } catch (NotModifiedException e) {
            // ended meanwhile
        } catch (NotFoundException e) {
            throw ContainerNotFoundException.of(id);
        }
        observed.remove(id.value());
    }

    @Override
    public void remove(ContainerId id) {
        try {
            inspectOurs(id);
        } catch (ContainerNotFoundException e) {
            return; // removed already
        }
        forceRemove(id.value());
    }

    private void forceRemove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (ConflictException e) {
            log.debug("container {} is being removed already: {}", id, e.getMessage());
        }
        observed.remove(id);
        stats.forget(id);
    }

    // ---- logs, stats, exec

    @Override
    public LogChunk logs(ContainerId id, LogOptions options) {
        String source = logSource(id, options);
        Instant cutoff = options.cutoff(clock.instant());
        List<LogLine> lines = new ArrayList<>();
        DockerLogLines parser = new DockerLogLines();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (lines) {
                    lines.addAll(parser.parse(frame.getPayload()));
                }
            }
        };
        try {
            logCommand(source, options, cutoff, false).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("Interrupted", "interrupted while reading the log of " + id, e);
        } catch (NotFoundException e) {
            throw ContainerNotFoundException.of(id);
        }
        synchronized (lines) {
            // The engine copies stdout and stderr separately, so its file may hold them slightly out of order;
            // the times it stamped them with are the order they were written in (the sort keeps ties in place).
            return new LogChunk(lines.stream().filter(line -> options.admits(line, cutoff))
                    .sorted(Comparator.comparing(LogLine::timestamp)).toList(), options.timestamps());
        }
    }

    @Override
    public InputStream followLogs(ContainerId id, LogOptions options) {
        String source = logSource(id, options);
        Instant cutoff = options.cutoff(clock.instant());
        FollowedDockerLogs stream = new FollowedDockerLogs(options, cutoff);
        try {
            logCommand(source, options, cutoff, true).exec(stream.callback());
        } catch (NotFoundException e) {
            throw ContainerNotFoundException.of(id);
        }
        return stream;
    }

    private com.github.dockerjava.api.command.LogContainerCmd logCommand(String containerId, LogOptions options,
                                                                      Instant cutoff, boolean follow) {
        var command = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withFollowStream(follow);
        if (options.tailLines() != null) {
            command.withTail(options.tailLines());
        } else {
            command.withTailAll();
        }
        if (cutoff != null) {
            command.withSince((int) cutoff.getEpochSecond()); // whole seconds here; the lines are filtered exactly
        }
        return command;
    }

    /** The container whose log {@code options} asks for: this attempt, or the one before it of the same container. */
    private String logSource(ContainerId id, LogOptions options) {
        ContainerStatus current = inspect(id);
        if (!options.previous()) {
            return id.value();
        }
        return listOurs(DockerLabels.CONTAINER, current.podUid()).stream()
                .filter(c -> current.containerName().equals(c.getLabels().get(DockerLabels.CONTAINER_NAME)))
                .filter(c -> DockerLabels.attemptOf(c.getLabels()) < current.attempt())
                .max(Comparator.comparingInt(c -> DockerLabels.attemptOf(c.getLabels())))
                .map(Container::getId)
                .orElseThrow(() -> ContainerNotFoundException.noPrevious(current.containerName(), current.pod()));
    }

    @Override
    public ResourceUsage stats(ContainerId id) {
        ContainerStatus status = inspect(id);
        Instant now = clock.instant();
        if (status.state() != ContainerState.RUNNING) {
            return new ResourceUsage(now, 0, 0, 0);
        }
        return stats.sample(id.value(), status.startedAt(), now);
    }

    @Override
    public ExecResult exec(ContainerId id, List<String> command, Duration timeout) {
        ContainerStatus status = inspect(id);
        if (status.state() != ContainerState.RUNNING) {
            throw new ContainerNotRunningException(id);
        }
        try {
            return exec.run(id.value(), command, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("Interrupted", "interrupted while running " + command + " in " + id, e);
        } catch (ConflictException e) {
            throw new ContainerNotRunningException(id); // it ended between our look and the exec
        }
    }

    @Override
    public StreamSession execStreaming(ContainerId id, List<String> command, SessionStreams streams) {
        requireRunning(id);
        try {
            return sessions.exec(id.value(), command, streams);
        } catch (ConflictException e) {
            throw new ContainerNotRunningException(id); // it ended between our look and the exec
        }
    }

    @Override
    public StreamSession attach(ContainerId id, SessionStreams streams) {
        requireRunning(id);
        try {
            return sessions.attach(id.value(), streams);
        } catch (ConflictException e) {
            throw new ContainerNotRunningException(id);
        }
    }

    private void requireRunning(ContainerId id) {
        if (inspect(id).state() != ContainerState.RUNNING) {
            throw new ContainerNotRunningException(id);
        }
    }

    @Override
    public void close() {
        sessions.close();
        try {
            client.close();
        } catch (IOException e) {
            log.debug("closing the Docker client: {}", e.toString());
        }
    }

    // ---- helpers

    private InspectContainerResponse inspectOurs(ContainerId id) {
        InspectContainerResponse inspected;
        try {
            inspected = client.inspectContainerCmd(id.value()).exec();
        } catch (NotFoundException e) {
            observed.remove(id.value());
            throw ContainerNotFoundException.of(id);
        }
        Map<String, String> labels = inspected.getConfig().getLabels();
        if (!DockerLabels.isOurs(labels, owner)
                || !DockerLabels.CONTAINER.equals(labels.get(DockerLabels.KIND))) {
            throw ContainerNotFoundException.of(id); // the engine's, but not a container of this node's pods
        }
        return inspected;
    }

    private List<Container> listOurs(String kind, String podUid) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(DockerLabels.filter(owner, kind, podUid)).exec();
    }

    /** The engine's own message out of a docker-java exception ("Status 500: {"message":"…"}"). */
    static String engineMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Matcher matcher = ENGINE_MESSAGE.matcher(text);
        if (matcher.find()) {
            return matcher.group(1).replace("\\\"", "\"").replace("\\n", " ").replace("\\\\", "\\").trim();
        }
        return text.trim();
    }

    /** Kubernetes sets a pod's hostname to its name, cut to a DNS label's 63 characters. */
    static String hostname(String podName) {
        String name = podName.length() > HOSTNAME_MAX ? podName.substring(0, HOSTNAME_MAX) : podName;
        return name.replaceAll("[.-]+$", "");
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    private Object lockFor(String podUid) {
        return podLocks.computeIfAbsent(podUid, k -> new Object());
    }
}
