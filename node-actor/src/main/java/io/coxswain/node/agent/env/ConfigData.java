package io.coxswain.node.agent.env;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.node.agent.ApiObjects;
import io.coxswain.node.agent.ContainerConfigException;
import io.coxswain.protocol.resource.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The key/value data of a ConfigMap or Secret, as a pod sees it: Secret values decoded from base64,
 * a ConfigMap's {@code binaryData} next to its {@code data}. Errors use the kubelet's words.
 */
public record ConfigData(String kind, String namespace, String name, Map<String, byte[]> entries) {

    /** The ConfigMap's data, or empty if it does not exist. */
    public static Optional<ConfigData> configMap(ApiObjects objects, String namespace, String name) {
        return objects.get(ResourceTypes.CONFIG_MAP, namespace, name).map(map -> {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            map.path("data").fields().forEachRemaining(e ->
                    entries.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            map.path("binaryData").fields().forEachRemaining(e -> entries.put(e.getKey(), decode(e.getValue())));
            return new ConfigData("ConfigMap", namespace, name, entries);
        });
    }

    /** The Secret's data (decoded), or empty if it does not exist. */
    public static Optional<ConfigData> secret(ApiObjects objects, String namespace, String name) {
        return objects.get(ResourceTypes.SECRET, namespace, name).map(secret -> {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            secret.path("data").fields().forEachRemaining(e -> entries.put(e.getKey(), decode(e.getValue())));
            // stringData is folded into data on write; read it too in case a writer left it.
            secret.path("stringData").fields().forEachRemaining(e ->
                    entries.putIfAbsent(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            return new ConfigData("Secret", namespace, name, entries);
        });
    }

    /** The kubelet's message for a missing object: {@code configmap "app-config" not found}. */
    public static ContainerConfigException notFound(String kind, String name) {
        return new ContainerConfigException(kind.toLowerCase(Locale.ROOT) + " \"" + name + "\" not found");
    }

    /** The value of {@code key} as text. */
    public String text(String key) {
        byte[] value = entries.get(key);
        if (value == null) {
            throw new ContainerConfigException("couldn't find key " + key + " in " + kind + " " + namespace + "/"
                    + name);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] decode(JsonNode value) {
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            return value.asText().getBytes(StandardCharsets.UTF_8);
        }
    }
}
