package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;
import static io.coxswain.protocol.validation.JsonFields.sameValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an update may not change: most of a running pod, a controller's selector, a StatefulSet's shape. */
final class UpdateValidation {

    static final String POD_UPDATE_RULE = "pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
    static final String STATEFUL_SET_UPDATE_RULE = "updates to statefulset spec for fields other than 'replicas', "
            + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
            + "'minReadySeconds' are forbidden";

    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");
    private static final List<String> STATEFUL_SET_MUTABLE_FIELDS = List.of("replicas", "ordinals", "template",
            "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    private static final Set<String> IMMUTABLE_SELECTOR_KINDS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet");
    private static final long MAX_ACTIVE_DEADLINE_SECONDS = Integer.MAX_VALUE;
    /** Kubernetes lets a negative grace period (from old clients) be corrected to this value. */
    private static final long CORRECTED_GRACE_PERIOD_SECONDS = 1;

    private UpdateValidation() {
    }

    static List<FieldError> validate(JsonNode oldObject, JsonNode newObject, String kind) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateUpdate(oldObject, newObject));
        JsonNode oldSpec = oldObject.path("spec");
        JsonNode newSpec = newObject.path("spec");
        if (kind.equals("Pod")) {
            errors.addAll(validatePodSpecUpdate(oldSpec, newSpec));
        }
        if (IMMUTABLE_SELECTOR_KINDS.contains(kind) && !sameValue(oldSpec.path("selector"), newSpec.path("selector"))) {
            errors.add(FieldError.invalid(SPEC.child("selector"), newSpec.path("selector"), "field is immutable"));
        }
        if (kind.equals("StatefulSet") && !sameValue(without(oldSpec, STATEFUL_SET_MUTABLE_FIELDS),
                without(newSpec, STATEFUL_SET_MUTABLE_FIELDS))) {
            errors.add(FieldError.forbidden(SPEC, STATEFUL_SET_UPDATE_RULE));
        }
        return errors;
    }

    /**
     * A scheduled pod is mostly immutable. The spec is compared after copying the mutable
     * fields over from the old spec; any remaining difference is forbidden.
     */
    private static List<FieldError> validatePodSpecUpdate(JsonNode oldSpec, JsonNode newSpec) {
        for (String list : CONTAINER_LISTS) {
            if (JsonFields.sizeOf(oldSpec.path(list)) != JsonFields.sizeOf(newSpec.path(list))) {
                return List.of(FieldError.forbidden(SPEC.child(list), "pod updates may not add or remove containers"));
            }
        }
        List<FieldError> deadlineErrors = validateActiveDeadlineUpdate(oldSpec, newSpec);
        if (!deadlineErrors.isEmpty()) {
            return deadlineErrors;
        }
        List<FieldError> errors = new ArrayList<>(validateOnlyAddedTolerations(oldSpec.path("tolerations"), newSpec.path("tolerations")));
        if (!newSpec.isObject()) {
            return errors;
        }
        ObjectNode munged = ((ObjectNode) newSpec).deepCopy();
        for (String list : CONTAINER_LISTS) {
            for (int i = 0; i < JsonFields.sizeOf(munged.path(list)); i++) {
                copyField(oldSpec.path(list).get(i), (ObjectNode) munged.path(list).get(i), "image");
            }
        }
        copyField(oldSpec, munged, "activeDeadlineSeconds");
        copyField(oldSpec, munged, "tolerations");
        JsonNode oldGrace = oldSpec.path("terminationGracePeriodSeconds");
        if (oldGrace.isNumber() && oldGrace.asLong() < 0
                && munged.path("terminationGracePeriodSeconds").asLong(0) == CORRECTED_GRACE_PERIOD_SECONDS) {
            copyField(oldSpec, munged, "terminationGracePeriodSeconds");
        }
        if (!sameValue(munged, oldSpec)) {
            errors.add(FieldError.forbidden(SPEC, POD_UPDATE_RULE + "\nchanged: " + String.join(", ", changedFields(oldSpec, munged))));
        }
        return errors;
    }

    /** The deadline may be set, or shortened, but not lengthened or removed. */
    private static List<FieldError> validateActiveDeadlineUpdate(JsonNode oldSpec, JsonNode newSpec) {
        FieldPath path = SPEC.child("activeDeadlineSeconds");
        JsonNode before = oldSpec.path("activeDeadlineSeconds");
        JsonNode after = newSpec.path("activeDeadlineSeconds");
        if (!isAbsent(after)) {
            if (after.asLong() < 0 || after.asLong() > MAX_ACTIVE_DEADLINE_SECONDS) {
                return List.of(FieldError.invalid(path, after, ValidationMessages.inclusiveRangeError(0, MAX_ACTIVE_DEADLINE_SECONDS)));
            }
            if (!isAbsent(before) && before.asLong() < after.asLong()) {
                return List.of(FieldError.invalid(path, after, "must be less than or equal to previous value"));
            }
        } else if (!isAbsent(before)) {
            return List.of(FieldError.invalid(path, null, "must not update from a positive integer to nil value"));
        }
        return List.of();
    }

    /** Every existing toleration must still be there; only its {@code tolerationSeconds} may change. */
    private static List<FieldError> validateOnlyAddedTolerations(JsonNode oldTolerations, JsonNode newTolerations) {
        for (JsonNode existing : oldTolerations) {
            boolean kept = false;
            for (JsonNode candidate : newTolerations) {
                if (sameValue(without(existing, List.of("tolerationSeconds")), without(candidate, List.of("tolerationSeconds")))) {
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                return List.of(FieldError.forbidden(SPEC.child("tolerations"),
                        "existing toleration can not be modified except its tolerationSeconds"));
            }
        }
        return List.of();
    }

    private static void copyField(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from == null ? null : from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }

    private static JsonNode without(JsonNode object, List<String> fields) {
        if (!object.isObject()) {
            return object;
        }
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.remove(fields);
        return copy;
    }

    private static Set<String> changedFields(JsonNode oldSpec, JsonNode newSpec) {
        Set<String> names = new LinkedHashSet<>();
        oldSpec.fieldNames().forEachRemaining(names::add);
        newSpec.fieldNames().forEachRemaining(names::add);
        Set<String> changed = new LinkedHashSet<>();
        for (String name : names) {
            if (!sameValue(oldSpec.path(name), newSpec.path(name))) {
                changed.add(SPEC.child(name).value());
            }
        }
        return changed;
    }
}
