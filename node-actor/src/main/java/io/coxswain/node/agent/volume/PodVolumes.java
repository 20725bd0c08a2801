package io.coxswain.node.agent.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.node.agent.ApiObjects;
import io.coxswain.node.agent.ContainerConfigException;
import io.coxswain.node.agent.env.ConfigData;
import io.coxswain.node.agent.env.ContainerEnvironment;
import io.coxswain.node.files.FileUtil;
import io.coxswain.node.runtime.SandboxHandle;
import io.coxswain.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a pod's volumes into host directories its containers can mount: the sandbox's emptyDirs, a
 * hostPath as the user named it, and ConfigMap, Secret, downward-API and projected volumes as files
 * this agent writes under its own folder ({@code <root>/<pod uid>/<volume>}) and keeps current.
 */
public final class PodVolumes {
    private static final int DEFAULT_MODE = 0644;

    private final Path root;
    private final ApiObjects objects;

    public PodVolumes(Path root, ApiObjects objects) {
        this.root = root;
        this.objects = objects;
    }

    /**
     * Every volume of {@code pod} by name, ready to be mounted.
     *
     * @throws VolumeSetupException naming the volume that could not be prepared
     */
    public Map<String, Path> setUp(ObjectNode pod, SandboxHandle sandbox, String hostIp) {
        Map<String, Path> paths = new LinkedHashMap<>();
        ContainerEnvironment fields = new ContainerEnvironment(objects, pod, sandbox.podIp(), hostIp, 0, 0);
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            String name = volume.path("name").asText();
            try {
                paths.put(name, setUp(volume, pod, sandbox, fields));
            } catch (ContainerConfigException e) {
                throw new VolumeSetupException(name, e.getMessage());
            } catch (UncheckedIOException e) {
                throw new VolumeSetupException(name, e.getCause().toString());
            }
        }
        return paths;
    }

    private Path setUp(JsonNode volume, ObjectNode pod, SandboxHandle sandbox, ContainerEnvironment fields) {
        String name = volume.path("name").asText();
        String namespace = Json.text(pod, "metadata.namespace");
        Path own = root.resolve(Json.text(pod, "metadata.uid")).resolve(name);
        if (volume.has("emptyDir")) {
            Path dir = sandbox.emptyDirs().get(name);
            return dir != null ? dir : ensureDirectory(own);
        }
        if (volume.has("hostPath")) {
            return HostPathCheck.prepare(volume.get("hostPath"));
        }
        if (volume.has("configMap")) {
            JsonNode source = volume.get("configMap");
            writeKeys(own, ConfigData.configMap(objects, namespace, source.path("name").asText()), "ConfigMap",
                    source.path("name").asText(), source, source.path("defaultMode").asInt(DEFAULT_MODE));
            return own;
        }
        if (volume.has("secret")) {
            JsonNode source = volume.get("secret");
            writeKeys(own, ConfigData.secret(objects, namespace, source.path("secretName").asText()), "Secret",
                    source.path("secretName").asText(), source, source.path("defaultMode").asInt(DEFAULT_MODE));
            return own;
        }
        if (volume.has("downwardAPI")) {
            JsonNode source = volume.get("downwardAPI");
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, Integer> modes = new LinkedHashMap<>();
            downwardFiles(source, fields, source.path("defaultMode").asInt(DEFAULT_MODE), files, modes);
            VolumeFiles.sync(own, files, modes);
            return own;
        }
        if (volume.has("projected")) {
            JsonNode source = volume.get("projected");
            int mode = source.path("defaultMode").asInt(DEFAULT_MODE);
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, Integer> modes = new LinkedHashMap<>();
            for (JsonNode part : source.path("sources")) {
                if (part.has("configMap")) {
                    String ref = part.get("configMap").path("name").asText();
                    collectKeys(ConfigData.configMap(objects, namespace, ref), "ConfigMap", ref, part.get("configMap"),
                            mode, files, modes);
                } else if (part.has("secret")) {
                    String ref = part.get("secret").path("name").asText();
                    collectKeys(ConfigData.secret(objects, namespace, ref), "Secret", ref, part.get("secret"), mode,
                            files, modes);
                } else if (part.has("downwardAPI")) {
                    downwardFiles(part.get("downwardAPI"), fields, mode, files, modes);
                }
                // serviceAccountToken: there are no service account tokens here; nothing to write (the pod
                // gets a NotSupported event, UnsupportedPodFields).
            }
            VolumeFiles.sync(own, files, modes);
            return own;
        }
        String type = volume.properties().stream().map(Map.Entry::getKey).filter(k -> !k.equals("name"))
                .findFirst().orElse("(none)");
        throw new VolumeSetupException(name, "volume type " + type + " is not supported by this node");
    }

    private static void writeKeys(Path directory, Optional<ConfigData> data, String kind, String ref, JsonNode source,
                                  int mode) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        collectKeys(data, kind, ref, source, mode, files, modes);
        VolumeFiles.sync(directory, files, modes);
    }

    /** The files of a ConfigMap or Secret: every key, or only the listed {@code items} at their paths. */
    private static void collectKeys(Optional<ConfigData> data, String kind, String ref, JsonNode source, int mode,
                                    Map<String, byte[]> files, Map<String, Integer> modes) {
        if (data.isEmpty()) {
            if (source.path("optional").asBoolean(false)) {
                return;
            }
            throw ConfigData.notFound(kind, ref);
        }
        Map<String, byte[]> entries = data.get().entries();
        if (!source.path("items").isArray() || source.path("items").isEmpty()) {
            entries.forEach((key, value) -> {
                files.put(key, value);
                modes.put(key, mode);
            });
            return;
        }
        for (JsonNode item : source.path("items")) {
            String key = item.path("key").asText();
            if (!entries.containsKey(key)) {
                if (source.path("optional").asBoolean(false)) {
                    continue;
                }
                throw new ContainerConfigException(kind.toLowerCase(Locale.ROOT)
                        + " references non-existent config key: " + key);
            }
            String path = item.path("path").asText(key);
            files.put(path, entries.get(key));
            modes.put(path, item.path("mode").asInt(mode));
        }
    }

    private static void downwardFiles(JsonNode source, ContainerEnvironment fields, int mode,
                                      Map<String, byte[]> files, Map<String, Integer> modes) {
        for (JsonNode item : source.path("items")) {
            if (item.has("fieldRef")) {
                String path = item.path("path").asText();
                files.put(path, fields.field(item.get("fieldRef").path("fieldPath").asText())
                        .getBytes(StandardCharsets.UTF_8));
                modes.put(path, item.path("mode").asInt(mode));
            }
        }
    }

    private static Path ensureDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the files this agent wrote for pods other than {@code keep} (pods gone or deleted). */
    public void removeAllExcept(Set<String> keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> pods = Files.list(root)) {
            pods.filter(dir -> !keep.contains(dir.getFileName().toString())).forEach(FileUtil::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
