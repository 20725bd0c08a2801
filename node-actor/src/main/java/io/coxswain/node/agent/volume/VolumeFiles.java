package io.coxswain.node.agent.volume;

import io.coxswain.node.files.FileUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a directory holding exactly a given set of files — the content of a ConfigMap, Secret or
 * downward-API volume. Each file is replaced atomically (written aside, then renamed), so a container
 * reading it sees the old or the new content, never half; files no longer wanted are deleted. Run on
 * every sync, so a changed ConfigMap reaches its pods as the kubelet's does.
 */
final class VolumeFiles {
    private VolumeFiles() {}

    /** @param files relative path → content; @param mode octal permissions, e.g. 0644 */
    static void sync(Path directory, Map<String, byte[]> files, Map<String, Integer> modes) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey()).normalize();
                if (!target.startsWith(directory)) {
                    continue; // validation forbids '..' in item paths; never write outside the volume
                }
                Files.createDirectories(target.getParent());
                if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                    FileUtil.writeAtomically(target, file.getValue());
                }
                Files.setPosixFilePermissions(target, permissions(modes.getOrDefault(file.getKey(), 0644)));
            }
            deleteUnwanted(directory, files.keySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteUnwanted(Path directory, Set<String> wanted) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!wanted.contains(directory.relativize(file).toString())) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
