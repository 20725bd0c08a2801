package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds out, before a container starts, whether the executable it would run exists in its file system.
 *
 * <p>Needed because of {@code --init}: the engine's init is what starts, so a missing command does not fail the
 * start (as runc alone makes it fail) but makes the init exit with 127 a moment later — a "crash" instead of the
 * start error Kubernetes reports. Looking the command up as runc would ({@code $PATH} of the container, else the
 * default one) in the created container's file system (the engine's archive endpoint) restores runc's answer.
 */
final class ImageExecutables {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final DockerHttpClient http;

    ImageExecutables(DockerHttpClient http) {
        this.http = http;
    }

    /** runc's message when the container's executable is missing, or empty when it is there (or cannot be told). */
    Optional<String> missingExecutable(InspectContainerResponse created) {
        String executable = executableOf(created);
        if (executable == null || executable.isEmpty()) {
            return Optional.empty();
        }
        if (executable.contains("/")) {
            String workingDir = created.getConfig().getWorkingDir();
            String path = executable.startsWith("/") ? executable
                    : (workingDir == null || workingDir.isEmpty() ? "/" : workingDir + "/") + executable;
            return exists(created.getId(), path) ? Optional.empty()
                    : Optional.of("exec: \"" + executable + "\": stat " + path + ": no such file or directory");
        }
        for (String dir : searchPath(created)) {
            if (!dir.isEmpty() && exists(created.getId(), dir + "/" + executable)) {
                return Optional.empty();
            }
        }
        return Optional.of("exec: \"" + executable + "\": executable file not found in $PATH");
    }

    private static String executableOf(InspectContainerResponse created) {
        String[] entrypoint = created.getConfig().getEntrypoint();
        if (entrypoint != null && entrypoint.length > 0) {
            return entrypoint[0];
        }
        String[] cmd = created.getConfig().getCmd();
        return cmd != null && cmd.length > 0 ? cmd[0] : null;
    }

    private static List<String> searchPath(InspectContainerResponse created) {
        String path = DEFAULT_PATH;
        String[] env = created.getConfig().getEnv();
        if (env != null) {
            for (String variable : env) {
                if (variable.startsWith("PATH=")) {
                    path = variable.substring("PATH=".length());
                }
            }
        }
        return new ArrayList<>(Arrays.asList(path.split(":")));
    }

    /** True unless the engine says the path is not in the container (404); any other answer counts as "there". */
    private boolean exists(String containerId, String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .build();
        // Only the status matters: the body (a tar of the file) is left unread.
        try (DockerHttpClient.Response response = http.execute(request)) {
            return response.getStatusCode() != 404;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
