package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds out, before a container starts, whether the executable it would run exists in its file system.
 *
 * <p>Needed because of {@code --init}: the engine's init is what starts, so a missing command does not fail the
 * start (as runc alone makes it fail) but makes the init exit with 127 a moment later — a "crash" instead of the
 * start error Kubernetes reports. Looking the command up as runc would ({@code $PATH} of the container, else the
 * default one) in the created container's file system (the engine's archive endpoint) restores runc's answer.
 *
 * <p>A path outside the container's mounts is the image's, and an image (by id) never changes: what the engine
 * said of it is remembered, so the pods of one image cost the engine no more look-ups (a command found on the
 * last of six {@code $PATH} directories would otherwise cost six archive requests a container).
 */
final class ImageExecutables {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final DockerHttpClient http;
    /** Whether a path exists, by image id and path, for paths no mount covers. */
    private final Map<String, Boolean> imagePaths = new ConcurrentHashMap<>();

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
            return exists(created, path) ? Optional.empty()
                    : Optional.of("exec: \"" + executable + "\": stat " + path + ": no such file or directory");
        }
        for (String dir : searchPath(created)) {
            if (!dir.isEmpty() && exists(created, dir + "/" + executable)) {
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

    private boolean exists(InspectContainerResponse created, String path) {
        String image = created.getImageId();
        boolean cacheable = image != null && !image.isEmpty() && !underAMount(created, path);
        String key = image + "\u0000" + path;
        Boolean known = cacheable ? imagePaths.get(key) : null;
        if (known != null) {
            return known;
        }
        Optional<Boolean> answer = askEngine(created.getId(), path);
        if (cacheable && answer.isPresent()) {
            imagePaths.put(key, answer.get());
        }
        return answer.orElse(true);
    }

    private static boolean underAMount(InspectContainerResponse created, String path) {
        Bind[] binds = created.getHostConfig() == null ? null : created.getHostConfig().getBinds();
        if (binds == null) {
            return false;
        }
        for (Bind bind : binds) {
            String target = bind.getVolume().getPath();
            if (path.equals(target) || path.startsWith(target.endsWith("/") ? target : target + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the engine finds the path in the container (404: not); empty when it gave no clear answer. */
    private Optional<Boolean> askEngine(String containerId, String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .build();
        // Only the status matters: the body (a tar of the file) is left unread.
        try (DockerHttpClient.Response response = http.execute(request)) {
            int status = response.getStatusCode();
            return status == 200 ? Optional.of(true) : status == 404 ? Optional.of(false) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
