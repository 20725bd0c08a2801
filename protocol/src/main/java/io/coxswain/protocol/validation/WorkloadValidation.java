package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;
import static io.coxswain.protocol.validation.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.selector.LabelSelector;
import io.coxswain.protocol.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Controllers that stamp out pods from a template: ReplicaSet, ReplicationController,
 * Deployment, StatefulSet, DaemonSet. Their selector must select the template's own
 * labels, or the controller would create pods it never counts as its own, forever.
 */
final class WorkloadValidation {

    static final String REPLICATION_CONTROLLER = "ReplicationController";
    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final FieldPath TEMPLATE = SPEC.child("template");
    /** Controllers restart pods by replacing them; a pod that stops on its own would never be replaced. */
    private static final List<String> TEMPLATE_RESTART_POLICIES = List.of("Always");

    private WorkloadValidation() {
    }

    static List<FieldError> validate(JsonNode object, String kind) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode spec = object.path("spec");
        validateReplicas(spec, errors);
        if (kind.equals("Deployment")) {
            errors.addAll(RolloutValidation.deployment(spec));
        } else if (kind.equals("DaemonSet")) {
            errors.addAll(RolloutValidation.daemonSet(spec));
        }
        JsonNode template = spec.path("template");
        LabelSelector selector = kind.equals(REPLICATION_CONTROLLER)
                ? replicationControllerSelector(spec, template, errors)
                : appsSelector(spec.path("selector"), kind, errors);
        if (isAbsent(template)) {
            errors.add(FieldError.required(TEMPLATE, ""));
            return errors;
        }
        errors.addAll(validateTemplate(template, TEMPLATE, selector));
        String restartPolicy = text(template.path("spec"), "restartPolicy");
        if (!restartPolicy.isEmpty() && !TEMPLATE_RESTART_POLICIES.contains(restartPolicy)) {
            errors.add(FieldError.unsupported(TEMPLATE.child("spec").child("restartPolicy"), restartPolicy,
                    TEMPLATE_RESTART_POLICIES));
        }
        return errors;
    }

    /** A PodTemplateSpec: its labels must satisfy {@code selector} (when there is one), its spec is a pod spec. */
    static List<FieldError> validateTemplate(JsonNode template, FieldPath path, LabelSelector selector) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode labels = template.path("metadata").path("labels");
        FieldPath labelsPath = path.child("metadata").child("labels");
        Map<String, String> labelMap = stringMap(labels);
        if (selector != null && !selector.isEmpty() && !selector.matches(labelMap)) {
            errors.add(FieldError.invalid(labelsPath, labelMap, "`selector` does not match template `labels`"));
        }
        errors.addAll(LabelValidation.validateLabels(labels, labelsPath));
        errors.addAll(LabelValidation.validateAnnotations(template.path("metadata").path("annotations"),
                path.child("metadata").child("annotations")));
        errors.addAll(PodSpecValidation.validate(template.path("spec"), path.child("spec")));
        return errors;
    }

    private static void validateReplicas(JsonNode spec, List<FieldError> errors) {
        JsonNode replicas = spec.path("replicas");
        if (isAbsent(replicas)) {
            return;
        }
        if (!replicas.isIntegralNumber()) {
            errors.add(FieldError.invalid(SPEC.child("replicas"), replicas, "must be an integer"));
        } else if (replicas.asLong() < 0) {
            errors.add(FieldError.invalid(SPEC.child("replicas"), replicas, "must be greater than or equal to 0"));
        }
    }

    /** apps/v1 requires an explicit, non-empty {@code metav1.LabelSelector}. Null when unusable. */
    private static LabelSelector appsSelector(JsonNode selector, String kind, List<FieldError> errors) {
        FieldPath path = SPEC.child("selector");
        if (isAbsent(selector)) {
            errors.add(FieldError.required(path, ""));
            return null;
        }
        if (!selector.isObject()) {
            errors.add(FieldError.invalid(path, selector, "must be a label selector object"));
            return null;
        }
        List<FieldError> selectorErrors = LabelValidation.validateLabelSelector(selector, path);
        errors.addAll(selectorErrors);
        if (JsonFields.sizeOf(selector.path("matchExpressions")) == 0 && selector.path("matchLabels").isEmpty()) {
            errors.add(FieldError.invalid(path, selector, "empty selector is invalid for " + kind.toLowerCase(Locale.ROOT)));
            return null;
        }
        if (!selectorErrors.isEmpty()) {
            return null;
        }
        try {
            return LabelSelector.fromJson(selector);
        } catch (SelectorParseException e) {
            errors.add(FieldError.invalid(path, selector, "invalid label selector"));
            return null;
        }
    }

    /** A ReplicationController's selector is a plain map that defaults to the template's labels. */
    private static LabelSelector replicationControllerSelector(JsonNode spec, JsonNode template, List<FieldError> errors) {
        FieldPath path = SPEC.child("selector");
        JsonNode selector = spec.path("selector");
        boolean given = selector.isObject() && !selector.isEmpty();
        List<FieldError> selectorErrors = given ? LabelValidation.validateLabels(selector, path) : List.of();
        errors.addAll(selectorErrors);
        Map<String, String> labels = stringMap(given ? selector : template.path("metadata").path("labels"));
        if (labels.isEmpty()) {
            errors.add(FieldError.required(path, ""));
            return null;
        }
        return selectorErrors.isEmpty() ? LabelSelector.fromMatchLabels(labels) : null;
    }

    private static Map<String, String> stringMap(JsonNode labels) {
        Map<String, String> map = new LinkedHashMap<>();
        labels.properties().forEach(label -> {
            if (label.getValue().isTextual()) {
                map.put(label.getKey(), label.getValue().textValue());
            }
        });
        return map;
    }
}
