package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.validation.NameValidation.NameFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code metadata}: name syntax per kind, namespace, labels and annotations. */
final class MetadataValidation {

    private static final FieldPath METADATA = FieldPath.root("metadata");
    private static final String FIELD_IS_IMMUTABLE = "field is immutable";

    /** Kinds whose names are not DNS-1123 subdomains (Kubernetes' per-kind name validators). */
    private static final Map<String, NameFormat> NAME_FORMATS = Map.of(
            "Namespace", NameFormat.DNS1123_LABEL,
            // Service names become DNS labels in the cluster domain and must start with a letter.
            "Service", NameFormat.DNS1035_LABEL,
            "Role", NameFormat.PATH_SEGMENT,
            "ClusterRole", NameFormat.PATH_SEGMENT,
            "RoleBinding", NameFormat.PATH_SEGMENT,
            "ClusterRoleBinding", NameFormat.PATH_SEGMENT);

    private MetadataValidation() {
    }

    static NameFormat nameFormatOf(String kind) {
        return NAME_FORMATS.getOrDefault(kind, NameFormat.DNS1123_SUBDOMAIN);
    }

    static List<FieldError> validate(JsonNode object, String kind) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode metadata = object.path("metadata");
        NameFormat format = nameFormatOf(kind);
        String name = text(metadata, "name");
        String generateName = text(metadata, "generateName");
        if (!generateName.isEmpty()) {
            // The server appends a random suffix, so a prefix may end in '-'.
            String prefix = generateName.endsWith("-") ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            format.check(prefix).forEach(p -> errors.add(FieldError.invalid(METADATA.child("generateName"), generateName, p)));
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                errors.add(FieldError.required(METADATA.child("name"), "name or generateName is required"));
            }
        } else {
            format.check(name).forEach(p -> errors.add(FieldError.invalid(METADATA.child("name"), name, p)));
        }
        String namespace = text(metadata, "namespace");
        if (!namespace.isEmpty()) {
            NameValidation.isDns1123Label(namespace)
                    .forEach(p -> errors.add(FieldError.invalid(METADATA.child("namespace"), namespace, p)));
        }
        errors.addAll(LabelValidation.validateLabels(metadata.path("labels"), METADATA.child("labels")));
        errors.addAll(LabelValidation.validateAnnotations(metadata.path("annotations"), METADATA.child("annotations")));
        return errors;
    }

    static List<FieldError> validateUpdate(JsonNode oldObject, JsonNode newObject) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("name", "namespace")) {
            String before = text(oldObject.path("metadata"), field);
            String after = text(newObject.path("metadata"), field);
            if (!before.equals(after)) {
                errors.add(FieldError.invalid(METADATA.child(field), after, FIELD_IS_IMMUTABLE));
            }
        }
        return errors;
    }
}
