package io.coxswain.node.runtime.process;

import io.coxswain.node.runtime.ContainerStartException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds a command's executable the way execvp would, before anything is launched, so that a missing one fails the
 * start with runc's words (which the user sees in the pod's status) instead of a shell's "not found" in the logs.
 */
final class ExecutableLookup {
    private ExecutableLookup() {}

    /** Nothing to execute; the message is runc's ({@code exec: "x": executable file not found in $PATH}). */
    static final class NotExecutableException extends Exception {
        private final boolean missing;

        NotExecutableException(String command, String problem, boolean missing) {
            super("exec: \"" + command + "\": " + problem, null, false, false);
            this.missing = missing;
        }

        /** No such file, rather than a file that cannot be executed. */
        boolean missing() {
            return missing;
        }
    }

    /** {@link #find}, failing a container start with reason StartError. */
    static Path resolveForStart(String command, String path, Path workingDirectory) {
        try {
            return find(command, path, workingDirectory);
        } catch (NotExecutableException e) {
            throw new ContainerStartException(ContainerStartException.START_ERROR, e.getMessage());
        }
    }

    /**
     * @param path             the PATH the process gets
     * @param workingDirectory where a relative command ({@code ./run.sh}) is looked up
     */
    static Path find(String command, String path, Path workingDirectory) throws NotExecutableException {
        try {
            if (command.contains("/")) {
                return requireExecutable(command, workingDirectory.resolve(command));
            }
            for (String directory : path.split(":")) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory).resolve(command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        } catch (InvalidPathException e) {
            // a name no file can have: not found, as below
        }
        throw new NotExecutableException(command, "executable file not found in $PATH", true);
    }

    private static Path requireExecutable(String command, Path file) throws NotExecutableException {
        if (!Files.exists(file)) {
            throw new NotExecutableException(command, "stat " + command + ": no such file or directory", true);
        }
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            throw new NotExecutableException(command, "permission denied", false);
        }
        return file;
    }
}
