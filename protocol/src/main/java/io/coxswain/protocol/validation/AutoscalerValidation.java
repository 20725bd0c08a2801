package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;
import static io.coxswain.protocol.validation.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** HorizontalPodAutoscaler (autoscaling/v1 and v2): what to scale and within which bounds. */
final class AutoscalerValidation {

    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final long MIN_REPLICAS_LOWER_BOUND = 1;

    private AutoscalerValidation() {
    }

    static List<FieldError> validate(JsonNode autoscaler) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode spec = autoscaler.path("spec");
        JsonNode minReplicas = spec.path("minReplicas");
        long maxReplicas = spec.path("maxReplicas").asLong(0);
        if (!isAbsent(minReplicas) && minReplicas.asLong() < MIN_REPLICAS_LOWER_BOUND) {
            errors.add(FieldError.invalid(SPEC.child("minReplicas"), minReplicas,
                    "must be greater than or equal to " + MIN_REPLICAS_LOWER_BOUND));
        }
        if (maxReplicas < 1) {
            errors.add(FieldError.invalid(SPEC.child("maxReplicas"), maxReplicas, "must be greater than 0"));
        }
        if (!isAbsent(minReplicas) && maxReplicas < minReplicas.asLong()) {
            errors.add(FieldError.invalid(SPEC.child("maxReplicas"), maxReplicas,
                    "must be greater than or equal to `minReplicas`"));
        }
        JsonNode target = spec.path("scaleTargetRef");
        FieldPath targetPath = SPEC.child("scaleTargetRef");
        for (String field : List.of("kind", "name")) {
            String value = text(target, field);
            if (value.isEmpty()) {
                errors.add(FieldError.required(targetPath.child(field), ""));
            } else {
                NameValidation.isValidPathSegmentName(value)
                        .forEach(p -> errors.add(FieldError.invalid(targetPath.child(field), value, p)));
            }
        }
        return errors;
    }
}
