package io.coxswain.node.runtime.process;

import io.coxswain.node.files.FileUtil;
import io.coxswain.node.runtime.ContainerHandle;
import io.coxswain.node.runtime.ContainerId;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.node.runtime.ContainerNotRunningException;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerSpec;
import io.coxswain.node.runtime.ContainerStartException;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.ContainerStatus;
import io.coxswain.node.runtime.ExecResult;
import io.coxswain.node.runtime.ImagePreparation;
import io.coxswain.node.runtime.LogChunk;
import io.coxswain.node.runtime.LogOptions;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.PodSandboxSpec;
import io.coxswain.node.runtime.ResourceUsage;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.node.runtime.SessionStreams;
import io.coxswain.node.runtime.StreamSession;
import io.coxswain.node.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each container's command as a host process (Nomad's raw_exec): no image content, no namespaces, no cgroups.
 *
 * <p>Everything the runtime knows is in files under its root ({@link PodLayout}), and the processes outlive the
 * runtime (see {@link Launcher}), so a new instance on the same root — an agent that restarted — lists the
 * containers an earlier one started and can stop, exec into and read the logs of those still running. A process is
 * recognised by its pid and its kernel start time, never by its pid alone.
 *
 * <p>Exit codes: the launcher shell writes the command's exit status to a file, so it is known whether or not
 * this instance started the container. A container killed with SIGKILL by us reports 137 ("Error"). When the file
 * is missing and nobody here saw the end (the launcher itself was killed from outside, or the machine restarted),
 * the container reports 137 with reason {@code ContainerStatusUnknown}, as the kubelet does for containers it lost.
 *
 * <p>Volumes: paths cannot be remapped without a mount namespace, so a mount is offered as an environment variable
 * {@code COXSWAIN_VOLUME_<NAME>} (the volume name upper-cased, '-' as '_') holding the host directory; emptyDirs
 * are directories of the pod. Ports are not mapped either: a process listens on the node's own addresses. Resource
 * limits are not enforced.
 */
public final class ProcessRuntime implements ContainerRuntime {
    public static final String NAME = "process";
    public static final String VOLUME_ENV_PREFIX = "COXSWAIN_VOLUME_";
    /** What a shell reports for a process ended by SIGKILL, and what Kubernetes shows for it. */
    static final int KILLED_EXIT_CODE = 128 + 9;
    private static final long START_POLL_NANOS = 200_000;
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);

    private final ProcessRuntimeSettings settings;
    private final PodLayout layout;
    private final RuntimeStore store;
    private final ExitReader exits;
    private final Clock clock = Clock.systemUTC();
    private final LogCapture logCapture = new LogCapture(clock);
    private final UsageSampler usage = new UsageSampler(KernelUnits.ofThisMachine());
    private final ProcessExec processExec;
    private final ProcessSessions sessions;
    private final String hostPath;
    /** Containers that may still run: the poller timestamps their output and notices their end. */
    private final Set<ContainerAttempt> watched = ConcurrentHashMap.newKeySet();
    /** Launchers this instance started, whose exit status Java gives us if the exit code file was never written. */
    private final Map<ContainerAttempt, Process> children = new ConcurrentHashMap<>();
    /** Containers we are ending with SIGKILL: their end is ours, not an unknown one. */
    private final Set<ContainerAttempt> killing = ConcurrentHashMap.newKeySet();
    private final Map<ContainerAttempt, Object> locks = new ConcurrentHashMap<>();
    private final Object sandboxLock = new Object();
    private final ScheduledExecutorService poller;

    public ProcessRuntime(ProcessRuntimeSettings settings) {
        this.settings = settings;
        this.layout = new PodLayout(settings.root());
        this.store = new RuntimeStore(layout);
        this.exits = new ExitReader(clock, settings.killTimeout());
        this.processExec = new ProcessExec(settings.killTimeout(), settings.execOutputLimit());
        this.sessions = new ProcessSessions(settings.killTimeout(), settings.logPollInterval());
        this.hostPath = Optional.ofNullable(System.getenv("PATH")).orElse(DEFAULT_PATH);
        for (ContainerAttempt attempt : store.allAttempts()) {
            store.containerIfReadable(attempt).filter(ContainerRecord::mayBeRunning).ifPresent(r -> watched.add(attempt));
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "coxswain-process-runtime");
            thread.setDaemon(true);
            return thread;
        });
        long pollMillis = settings.logPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::observeWatched, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- sandboxes

    @Override
    public SandboxHandle createSandbox(PodSandboxSpec spec) {
        synchronized (sandboxLock) {
            String uid = spec.pod().uid();
            Set<String> volumes = new LinkedHashSet<>();
            store.sandbox(uid).ifPresent(existing -> volumes.addAll(existing.emptyDirVolumes()));
            volumes.addAll(spec.emptyDirVolumes());
            SandboxRecord record = new SandboxRecord(spec.pod(), new ArrayList<>(volumes));
            try {
                Files.createDirectories(layout.pod(uid)); // a pod without emptyDirs still needs its folder
                for (String volume : volumes) {
                    Files.createDirectories(layout.emptyDir(uid, volume));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the sandbox of " + spec.pod(), e);
            }
            store.write(record);
            return handle(record);
        }
    }

    @Override
    public List<SandboxHandle> listSandboxes() {
        List<SandboxHandle> sandboxes = new ArrayList<>();
        for (String uid : store.podUids()) {
            store.sandbox(uid).map(this::handle).ifPresent(sandboxes::add);
        }
        return sandboxes;
    }

    @Override
    public Set<String> sandboxPodUids() {
        return Set.copyOf(store.podUids());
    }

    @Override
    public void removeSandbox(String podUid) {
        for (ContainerAttempt attempt : store.attemptsOf(podUid)) {
            remove(attempt.id());
        }
        synchronized (sandboxLock) {
            FileUtil.deleteRecursively(layout.pod(podUid));
        }
    }

    private SandboxHandle handle(SandboxRecord record) {
        Map<String, Path> emptyDirs = new LinkedHashMap<>();
        record.emptyDirVolumes().forEach(volume -> emptyDirs.put(volume, layout.emptyDir(record.pod().uid(), volume)));
        return new SandboxHandle(record.pod(), settings.podIp(), emptyDirs);
    }

    // ---- containers

    @Override
    public ContainerHandle startContainer(SandboxHandle sandbox, ContainerSpec spec, int attempt) {
        settings.images().require(spec.image());
        PodRef pod = store.sandbox(sandbox.podUid()).map(SandboxRecord::pod).orElseThrow(() ->
                new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR,
                        "no sandbox for pod " + sandbox.pod()));
        ContainerAttempt key = new ContainerAttempt(pod.uid(), spec.name(), attempt);
        synchronized (lockFor(key)) {
            if (Files.exists(layout.runtimeDirectory(key))) {
                throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_ERROR, "attempt "
                        + attempt + " of container \"" + spec.name() + "\" of pod " + pod + " exists already");
            }
            LaunchPlan plan = LaunchPlan.of(spec, layout.workingDirectory(key), hostPath);
            ContainerRecord record = ContainerRecord.created(key, pod, spec.image(), plan.command(), plan.env(),
                    plan.workingDirectory().toString(), clock.instant());
            Process launcher;
            Instant launchedAt = clock.instant();
            try {
                Files.createDirectories(layout.runtimeDirectory(key));
                Files.createDirectories(plan.workingDirectory());
                Files.createDirectories(layout.logFile(key).getParent());
                store.write(record);
                launcher = Launcher.launch(plan.command(), plan.env(), plan.workingDirectory(), layout.exitCodeFile(key),
                        layout.startedMarker(key), layout.rawOutput(key));
            } catch (IOException e) {
                deleteAttempt(key);
                throw new ContainerStartException(ContainerStartException.START_ERROR,
                        "cannot launch " + plan.command() + ": " + e.getMessage(), e);
            }
            record = record.started(launcher.pid(), awaitCommandStarted(key, launcher), launchedAt);
            store.write(record);
            children.put(key, launcher);
            watched.add(key);
            return new ContainerHandle(key.id(), pod, spec.name(), attempt, record.startedAt(), imageNotUsed(spec, plan));
        }
    }

    /** No image is involved here: what runs is the host's own executable, and the event says which. */
    static ImagePreparation imageNotUsed(ContainerSpec spec, LaunchPlan plan) {
        return new ImagePreparation("Resolved", "Image \"" + spec.image() + "\" is not used by the process runtime: "
                + "command \"" + plan.command().get(0) + "\" resolved on the host as " + plan.executable());
    }

    /** The variable that tells a process where volume {@code volumeName} is (paths cannot be remapped). */
    public static String volumeVariable(String volumeName) {
        return VOLUME_ENV_PREFIX + volumeName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Waits until the launcher marks that the command is being exec'd (see {@link Launcher}: only then may it be
     * signalled) and returns the launcher's kernel start time; -1 if it ended before it could be read.
     */
    private long awaitCommandStarted(ContainerAttempt key, Process launcher) {
        Instant deadline = clock.instant().plus(settings.launchTimeout());
        Path marker = layout.startedMarker(key);
        while (!Files.exists(marker) && launcher.isAlive()) {
            if (clock.instant().isAfter(deadline)) {
                log.warn("container {} has not marked its start after {}", key, settings.launchTimeout());
                break;
            }
            LockSupport.parkNanos(START_POLL_NANOS); // a launch takes milliseconds: no need for a setting
        }
        return ProcStat.read(launcher.pid()).map(ProcStat::startTicks).orElse(-1L);
    }

    @Override
    public ContainerStatus inspect(ContainerId id) {
        return observe(ContainerAttempt.of(id)).status();
    }

    @Override
    public List<ContainerStatus> list() {
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerAttempt attempt : store.allAttempts()) {
            try {
                statuses.add(observe(attempt).status());
            } catch (ContainerNotFoundException e) {
                // removed while we listed
            } catch (RuntimeException e) {
                statuses.add(unknownStatus(attempt, e));
            }
        }
        return statuses;
    }

    private ContainerStatus unknownStatus(ContainerAttempt attempt, RuntimeException problem) {
        PodRef pod = store.sandbox(attempt.podUid()).map(SandboxRecord::pod)
                .orElse(new PodRef(attempt.podUid(), "", ""));
        return new ContainerStatus(attempt.id(), pod, attempt.containerName(), attempt.attempt(), "",
                ContainerState.UNKNOWN, null, null, null, null, "unreadable container record: " + problem.getMessage());
    }

    @Override
    public void stop(ContainerId id, Duration gracePeriod) {
        ContainerAttempt key = ContainerAttempt.of(id);
        ContainerRecord record = observe(key);
        if (!record.mayBeRunning()) {
            return;
        }
        ProcessGroup group = record.processGroup();
        Instant deadline = clock.instant().plus(gracePeriod);
        group.signal("TERM");
        if (!group.awaitEmpty(deadline, settings.stopPollInterval(), clock)) {
            killing.add(key);
            group.signal("KILL");
            if (!group.awaitEmpty(clock.instant().plus(settings.killTimeout()), settings.stopPollInterval(), clock)) {
                log.warn("container {} still has processes {} after SIGKILL", key, group.members());
            }
        }
        synchronized (lockFor(key)) {
            ContainerRecord current = store.container(key);
            if (current.mayBeRunning()) {
                noteExit(current);
            }
        }
    }

    @Override
    public void remove(ContainerId id) {
        ContainerAttempt key = ContainerAttempt.of(id);
        try {
            if (observe(key).mayBeRunning()) {
                stop(id, Duration.ZERO);
            }
        } catch (ContainerNotFoundException e) {
            return; // removed already
        } catch (RuntimeException e) {
            log.warn("removing container {} whose record is unreadable: {}", key, e.toString());
        }
        synchronized (lockFor(key)) {
            deleteAttempt(key);
        }
        locks.remove(key);
    }

    private void deleteAttempt(ContainerAttempt key) {
        watched.remove(key);
        children.remove(key);
        killing.remove(key);
        usage.forget(key);
        FileUtil.deleteRecursively(layout.runtimeDirectory(key));
        FileUtil.deleteRecursively(layout.workingDirectory(key));
        FileUtil.deleteRecursively(layout.logFile(key));
    }

    // ---- noticing ends

    /** The record, brought up to date with the process table: a launched container that no longer runs has exited. */
    private ContainerRecord observe(ContainerAttempt key) {
        synchronized (lockFor(key)) {
            ContainerRecord record = store.container(key);
            if (record.mayBeRunning() && !record.processGroup().leaderAlive()) {
                return noteExit(record);
            }
            return record;
        }
    }

    /** Records the end of a container whose launcher has ended; called holding the container's lock. */
    private ContainerRecord noteExit(ContainerRecord record) {
        ContainerAttempt key = record.attempt();
        // Whatever the command left behind ends with it, as a container's processes end with its PID namespace.
        record.processGroup().signal("KILL");
        catchUpLogs(key, true);
        ContainerRecord exited = exits.ended(record, layout.exitCodeFile(key), killing.remove(key), children.get(key));
        store.write(exited);
        watched.remove(key);
        children.remove(key);
        usage.forget(key);
        return exited;
    }

    /** The poller's round: timestamp new output of running containers and notice those that ended. */
    private void observeWatched() {
        for (ContainerAttempt key : watched) {
            try {
                catchUpIfRunning(key);
            } catch (ContainerNotFoundException e) {
                watched.remove(key);
            } catch (RuntimeException e) {
                log.warn("cannot observe container {}: {}", key, e.toString());
            }
        }
    }

    /** Brings the container's log up to date; true while the container may still write. */
    private boolean catchUpIfRunning(ContainerAttempt key) {
        synchronized (lockFor(key)) {
            ContainerRecord record = observe(key);
            if (record.mayBeRunning()) {
                catchUpLogs(key, false);
                return true;
            }
            return false;
        }
    }

    private void catchUpLogs(ContainerAttempt key, boolean ended) {
        try {
            logCapture.catchUp(layout.rawOutput(key), layout.rawOutputOffset(key), layout.logFile(key), ended);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot capture the output of " + key, e);
        }
    }

    // ---- logs, stats, exec

    @Override
    public LogChunk logs(ContainerId id, LogOptions options) {
        ContainerAttempt source = logSource(ContainerAttempt.of(id), options);
        try {
            return new LogChunk(TimestampedLogFile.read(layout.logFile(source), options, clock.instant()),
                    options.timestamps());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + source, e);
        }
    }

    @Override
    public InputStream followLogs(ContainerId id, LogOptions options) {
        ContainerAttempt key = ContainerAttempt.of(id);
        ContainerAttempt source = logSource(key, options);
        Path log = layout.logFile(source);
        boolean current = source.equals(key);
        Runnable catchUp = current ? () -> quietly(() -> catchUpIfRunning(key)) : () -> { };
        BooleanSupplier running = current ? () -> quietly(() -> catchUpIfRunning(key)) : () -> false;
        try {
            return new FollowingLogStream(log, TimestampedLogFile.startOf(log, options), options,
                    options.cutoff(clock.instant()), catchUp, running, settings.logPollInterval());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + source, e);
        }
    }

    /** False once the container is gone (removed while followed) or cannot be read. */
    private static boolean quietly(BooleanSupplier step) {
        try {
            return step.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The attempt whose log {@code options} asks for, with its log brought up to date. */
    private ContainerAttempt logSource(ContainerAttempt key, LogOptions options) {
        ContainerRecord record = observe(key);
        if (!options.previous()) {
            catchUpIfRunning(key);
            return key;
        }
        int previous = store.previousAttemptWithLog(key).orElseThrow(() ->
                ContainerNotFoundException.noPrevious(key.containerName(), record.pod()));
        return key.withAttempt(previous);
    }

    @Override
    public ResourceUsage stats(ContainerId id) {
        ContainerAttempt key = ContainerAttempt.of(id);
        ContainerRecord record = observe(key);
        Instant now = clock.instant();
        if (!record.mayBeRunning()) {
            return new ResourceUsage(now, 0, 0, 0);
        }
        return usage.sample(key, record.processGroup(), record.startedAt(), now);
    }

    @Override
    public ExecResult exec(ContainerId id, List<String> command, Duration timeout) {
        ContainerAttempt key = ContainerAttempt.of(id);
        ContainerRecord record = observe(key);
        if (!record.mayBeRunning()) {
            throw new ContainerNotRunningException(id);
        }
        return processExec.run(command, record.env(), Path.of(record.workingDirectory()), timeout,
                layout.runtimeDirectory(key));
    }

    @Override
    public StreamSession execStreaming(ContainerId id, List<String> command, SessionStreams streams) {
        ContainerRecord record = observe(ContainerAttempt.of(id));
        if (!record.mayBeRunning()) {
            throw new ContainerNotRunningException(id);
        }
        return sessions.exec(command, record.env(), Path.of(record.workingDirectory()), streams);
    }

    @Override
    public StreamSession attach(ContainerId id, SessionStreams streams) {
        ContainerAttempt key = ContainerAttempt.of(id);
        if (!observe(key).mayBeRunning()) {
            throw new ContainerNotRunningException(id);
        }
        if (streams.stdin() != null) {
            throw new ContainerRuntimeException("NotSupported", "the process runtime cannot attach to a container's "
                    + "stdin: its processes read /dev/null so that they outlive the agent");
        }
        return sessions.attach(layout.rawOutput(key), () -> quietly(() -> observe(key).mayBeRunning()), streams);
    }

    @Override
    public void close() {
        sessions.close();
        poller.shutdownNow();
        try {
            poller.awaitTermination(settings.killTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object lockFor(ContainerAttempt key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }
}
