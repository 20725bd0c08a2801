package io.coxswain.node.agent.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.node.agent.ContainerConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** A hostPath volume's {@code type}: create what {@code …OrCreate} asks for, check what the others require. */
final class HostPathCheck {
    private HostPathCheck() {}

    static Path prepare(JsonNode hostPath) {
        Path path = Path.of(hostPath.path("path").asText());
        String type = hostPath.path("type").asText("");
        try {
            switch (type) {
                case "", "Socket", "CharDevice", "BlockDevice" -> {
                    if (!type.isEmpty()) {
                        require(Files.exists(path) && kindMatches(path, type), path, type);
                    }
                }
                case "DirectoryOrCreate" -> Files.createDirectories(path);
                case "Directory" -> require(Files.isDirectory(path), path, "directory");
                case "FileOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path.toAbsolutePath().getParent());
                        Files.createFile(path);
                    }
                }
                case "File" -> require(Files.isRegularFile(path), path, "file");
                default -> throw new ContainerConfigException("unknown hostPath type " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private static boolean kindMatches(Path path, String type) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return switch (type) {
            case "Socket", "CharDevice", "BlockDevice" -> attributes.isOther();
            default -> true;
        };
    }

    private static void require(boolean holds, Path path, String what) {
        if (!holds) {
            throw new ContainerConfigException("hostPath type check failed: " + path
                    + " is not a " + what);
        }
    }
}
