package io.coxswain.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Validates API objects the way the Kubernetes API server does before storing them, per
 * {@code kind}, returning every problem found (an empty list means valid). The errors map
 * onto a 422 {@code Invalid} Status with one cause per {@link FieldError}.
 *
 * <p>Objects are expected after defaulting: absent optional fields are accepted, a
 * ReplicationController's selector defaults to its template's labels.
 */
public final class ObjectValidator {

    private static final Map<String, Function<JsonNode, List<FieldError>>> VALIDATORS_BY_KIND = Map.ofEntries(
            Map.entry("Pod", pod -> PodSpecValidation.validate(pod.path("spec"), FieldPath.root("spec"))),
            Map.entry("PodTemplate", podTemplate -> WorkloadValidation.validateTemplate(
                    podTemplate.path("template"), FieldPath.root("template"), null)),
            workload("ReplicaSet"),
            workload(WorkloadValidation.REPLICATION_CONTROLLER),
            workload("Deployment"),
            workload("StatefulSet"),
            workload("DaemonSet"),
            Map.entry("Service", ServiceValidation::validate),
            Map.entry("ConfigMap", ConfigDataValidation::validateConfigMap),
            Map.entry("Secret", ConfigDataValidation::validateSecret),
            Map.entry("HorizontalPodAutoscaler", AutoscalerValidation::validate));

    private ObjectValidator() {
    }

    /** Validates an object about to be created (or the new state of an update). */
    public static List<FieldError> validate(ObjectNode object) {
        String kind = kindOf(object);
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validate(object, kind));
        Function<JsonNode, List<FieldError>> validator = VALIDATORS_BY_KIND.get(kind);
        if (validator != null) {
            errors.addAll(validator.apply(object));
        }
        return errors;
    }

    /**
     * Validates an update: everything {@link #validate} checks on the new object, plus the
     * fields that may not change (metadata name and namespace, most of a Pod's spec, the
     * selector of apps/v1 controllers, a StatefulSet's spec beyond its mutable fields).
     */
    public static List<FieldError> validateUpdate(ObjectNode oldObject, ObjectNode newObject) {
        List<FieldError> errors = validate(newObject);
        errors.addAll(UpdateValidation.validate(oldObject, newObject, kindOf(newObject)));
        return errors;
    }

    private static Map.Entry<String, Function<JsonNode, List<FieldError>>> workload(String kind) {
        return Map.entry(kind, object -> WorkloadValidation.validate(object, kind));
    }

    private static String kindOf(JsonNode object) {
        return object.path("kind").asText("");
    }
}
