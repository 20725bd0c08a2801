package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ContainerId;
import io.coxswain.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kills every process group a test's runtimes recorded under a root, whatever state the runtime is in, so that a
 * failing test leaves no process behind.
 */
final class ProcessReaper {
    private ProcessReaper() {}

    static void killAllUnder(Path root) {
        groupsUnder(root).forEach(group -> group.signal("KILL"));
    }

    static List<ProcessGroup> groupsUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().equals("container.json"))
                    .map(ProcessReaper::groupIn)
                    .filter(group -> group.id() > 0)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process group of a container, as its record on disk names it. */
    static ProcessGroup groupOf(Path root, ContainerId id) {
        return groupIn(new PodLayout(root).recordFile(ContainerAttempt.of(id)));
    }

    private static ProcessGroup groupIn(Path recordFile) {
        try {
            ContainerRecord record = ContainerRecord.fromJson(Json.parse(Files.readAllBytes(recordFile)));
            return record.processGroup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
