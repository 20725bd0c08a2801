package io.coxswain.node.runtime.process;

import io.coxswain.node.files.FileUtil;
import io.coxswain.node.runtime.ContainerNotFoundException;
import io.coxswain.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sandbox and container records under a runtime's root: the runtime's whole memory, shared by its instances. */
final class RuntimeStore {
    private static final Logger log = LoggerFactory.getLogger(RuntimeStore.class);
    private static final String LOG_SUFFIX = ".log";

    private final PodLayout layout;

    RuntimeStore(PodLayout layout) {
        this.layout = layout;
        try {
            Files.createDirectories(layout.pods());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the process runtime's root " + layout.root(), e);
        }
    }

    Optional<SandboxRecord> sandbox(String podUid) {
        Path file = layout.sandboxFile(podUid);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SandboxRecord.fromJson(Json.parse(Files.readAllBytes(file))));
        } catch (IOException | RuntimeException e) {
            log.warn("unreadable sandbox record {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void write(SandboxRecord sandbox) {
        FileUtil.writeAtomically(layout.sandboxFile(sandbox.pod().uid()), Json.writeBytes(sandbox.toJson()));
    }

    /** @throws ContainerNotFoundException when there is no record */
    ContainerRecord container(ContainerAttempt attempt) {
        Path file = layout.recordFile(attempt);
        try {
            return ContainerRecord.fromJson(Json.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw ContainerNotFoundException.of(attempt.id());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Optional<ContainerRecord> containerIfReadable(ContainerAttempt attempt) {
        try {
            return Optional.of(container(attempt));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(ContainerRecord container) {
        FileUtil.writeAtomically(layout.recordFile(container.attempt()), Json.writeBytes(container.toJson()));
    }

    List<String> podUids() {
        List<String> uids = new ArrayList<>();
        try (DirectoryStream<Path> pods = Files.newDirectoryStream(layout.pods(), Files::isDirectory)) {
            pods.forEach(pod -> uids.add(pod.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.pods(), e);
        }
        return uids;
    }

    List<ContainerAttempt> attemptsOf(String podUid) {
        List<ContainerAttempt> attempts = new ArrayList<>();
        Path directories = layout.runtimeDirectories(podUid);
        if (!Files.isDirectory(directories)) {
            return attempts;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directories, Files::isDirectory)) {
            for (Path entry : entries) {
                ContainerAttempt attempt = ContainerAttempt.fromDirectoryName(podUid, entry.getFileName().toString());
                if (attempt != null) {
                    attempts.add(attempt);
                }
            }
        } catch (IOException e) {
            // the pod is being removed
        }
        return attempts;
    }

    List<ContainerAttempt> allAttempts() {
        List<ContainerAttempt> attempts = new ArrayList<>();
        podUids().forEach(uid -> attempts.addAll(attemptsOf(uid)));
        return attempts;
    }

    /** The latest earlier attempt of the same container that left a log (what {@code --previous} shows). */
    OptionalInt previousAttemptWithLog(ContainerAttempt attempt) {
        int previous = -1;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(
                layout.logDirectory(attempt.podUid(), attempt.containerName()), "*" + LOG_SUFFIX)) {
            for (Path file : logs) {
                String name = file.getFileName().toString();
                try {
                    int number = Integer.parseInt(name.substring(0, name.length() - LOG_SUFFIX.length()));
                    if (number < attempt.attempt() && number > previous) {
                        previous = number;
                    }
                } catch (NumberFormatException e) {
                    // not a log of ours
                }
            }
        } catch (IOException e) {
            // no log directory: no earlier attempt either
        }
        return previous < 0 ? OptionalInt.empty() : OptionalInt.of(previous);
    }
}
