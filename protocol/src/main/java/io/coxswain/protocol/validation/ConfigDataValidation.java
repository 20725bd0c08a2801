package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.ValidationMessages.byteLength;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ConfigMap and Secret: their keys become file names when mounted as a volume, so they are
 * restricted to {@code [-._a-zA-Z0-9]+} and may not be {@code .} or start with {@code ..}.
 */
final class ConfigDataValidation {

    /** Kubernetes keeps the total data of one ConfigMap or Secret within 1 MiB (etcd's value limit). */
    static final int MAX_DATA_BYTES = 1024 * 1024;
    static final String CONFIG_KEY_FORMAT = "[-._a-zA-Z0-9]+";

    private static final String CONFIG_KEY_MESSAGE =
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FORMAT);

    private ConfigDataValidation() {
    }

    static List<String> isConfigMapKey(String key) {
        List<String> problems = new ArrayList<>();
        if (byteLength(key) > NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH) {
            problems.add(ValidationMessages.maxLenError(NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!CONFIG_KEY.matcher(key).matches()) {
            problems.add(ValidationMessages.regexError(CONFIG_KEY_MESSAGE, CONFIG_KEY_FORMAT, "key.name", "KEY_NAME", "key-name"));
        }
        if (key.equals(".")) {
            problems.add("must not be '.'");
        } else if (key.equals("..")) {
            problems.add("must not be '..'");
        } else if (key.startsWith("..")) {
            problems.add("must not start with '..'");
        }
        return problems;
    }

    static List<FieldError> validateConfigMap(JsonNode configMap) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode data = configMap.path("data");
        JsonNode binaryData = configMap.path("binaryData");
        long totalBytes = validateKeys(data, FieldPath.root("data"), errors) + validateKeys(binaryData, FieldPath.root("binaryData"), errors);
        binaryData.fieldNames().forEachRemaining(key -> {
            if (data.has(key)) {
                errors.add(FieldError.invalid(FieldPath.root("binaryData").key(key), key, "duplicate of key present in data"));
            }
        });
        if (totalBytes > MAX_DATA_BYTES) {
            errors.add(FieldError.tooLong(FieldPath.root("data"), MAX_DATA_BYTES));
        }
        return errors;
    }

    static List<FieldError> validateSecret(JsonNode secret) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath dataPath = FieldPath.root("data");
        long totalBytes = 0;
        for (var entry : secret.path("data").properties()) {
            isConfigMapKey(entry.getKey()).forEach(p -> errors.add(FieldError.invalid(dataPath.key(entry.getKey()), entry.getKey(), p)));
            try {
                totalBytes += Base64.getDecoder().decode(entry.getValue().asText()).length;
            } catch (IllegalArgumentException notBase64) {
                // The value is secret, so it is not echoed back.
                errors.add(FieldError.invalid(dataPath.key(entry.getKey()), "<value omitted>", "must be base64-encoded"));
            }
        }
        totalBytes += validateKeys(secret.path("stringData"), FieldPath.root("stringData"), errors);
        if (totalBytes > MAX_DATA_BYTES) {
            errors.add(FieldError.tooLong(dataPath, MAX_DATA_BYTES));
        }
        return errors;
    }

    /** Checks every key and returns the size of the values. */
    private static long validateKeys(JsonNode data, FieldPath path, List<FieldError> errors) {
        long totalBytes = 0;
        for (var entry : data.properties()) {
            isConfigMapKey(entry.getKey()).forEach(p -> errors.add(FieldError.invalid(path.key(entry.getKey()), entry.getKey(), p)));
            totalBytes += byteLength(entry.getValue().asText());
        }
        return totalBytes;
    }
}
