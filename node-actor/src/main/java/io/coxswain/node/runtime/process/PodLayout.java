package io.coxswain.node.runtime.process;

import java.nio.file.Path;

/**
 * Where a process runtime keeps things under its root. The container's own directory holds only what the container
 * writes; our bookkeeping lives next to it, so a container cannot clobber it by accident.
 *
 * <pre>
 * &lt;root&gt;/pods/&lt;uid&gt;/sandbox.json
 * &lt;root&gt;/pods/&lt;uid&gt;/volumes/&lt;volume&gt;/                   emptyDir volumes
 * &lt;root&gt;/pods/&lt;uid&gt;/containers/&lt;name&gt;-&lt;attempt&gt;/       default working directory
 * &lt;root&gt;/pods/&lt;uid&gt;/runtime/&lt;name&gt;-&lt;attempt&gt;/          container.json, started, exitcode, output (raw), output.offset
 * &lt;root&gt;/pods/&lt;uid&gt;/logs/&lt;name&gt;/&lt;attempt&gt;.log             timestamped lines, as the kubelet's /var/log/pods
 * </pre>
 */
final class PodLayout {
    private final Path root;

    PodLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path pods() {
        return root.resolve("pods");
    }

    Path pod(String podUid) {
        return pods().resolve(podUid);
    }

    Path sandboxFile(String podUid) {
        return pod(podUid).resolve("sandbox.json");
    }

    Path emptyDir(String podUid, String volume) {
        return pod(podUid).resolve("volumes").resolve(volume);
    }

    Path workingDirectory(ContainerAttempt attempt) {
        return pod(attempt.podUid()).resolve("containers").resolve(attempt.directoryName());
    }

    Path runtimeDirectories(String podUid) {
        return pod(podUid).resolve("runtime");
    }

    Path runtimeDirectory(ContainerAttempt attempt) {
        return runtimeDirectories(attempt.podUid()).resolve(attempt.directoryName());
    }

    Path recordFile(ContainerAttempt attempt) {
        return runtimeDirectory(attempt).resolve("container.json");
    }

    /** Written by the launcher shell when the container's command ends, so exit codes survive an agent restart. */
    Path exitCodeFile(ContainerAttempt attempt) {
        return runtimeDirectory(attempt).resolve("exitcode");
    }

    /** Made by the launcher once the command is about to be exec'd and can be signalled safely. */
    Path startedMarker(ContainerAttempt attempt) {
        return runtimeDirectory(attempt).resolve("started");
    }

    /** stdout and stderr exactly as the process wrote them (the process, not the agent, holds this file open). */
    Path rawOutput(ContainerAttempt attempt) {
        return runtimeDirectory(attempt).resolve("output");
    }

    /** How many bytes of the raw output are already in the timestamped log. */
    Path rawOutputOffset(ContainerAttempt attempt) {
        return runtimeDirectory(attempt).resolve("output.offset");
    }

    Path logDirectory(String podUid, String containerName) {
        return pod(podUid).resolve("logs").resolve(containerName);
    }

    Path logFile(ContainerAttempt attempt) {
        return logDirectory(attempt.podUid(), attempt.containerName()).resolve(attempt.attempt() + ".log");
    }
}
