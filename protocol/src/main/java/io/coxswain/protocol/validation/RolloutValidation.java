package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.JsonFields.isAbsent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a Deployment or a DaemonSet may roll out, as Kubernetes' apps validation has it: the strategy
 * type, {@code maxSurge}/{@code maxUnavailable} as a non-negative number or a percentage (a
 * rollout with both 0 could never move), and the Deployment's timing fields. Absent fields count
 * with Kubernetes' defaults (25%/25% for a Deployment, 1/0 for a DaemonSet), as validation runs
 * after defaulting there.
 */
final class RolloutValidation {
    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
    private static final String PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an "
            + "ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    private static final String NON_NEGATIVE = "must be greater than or equal to 0";

    private RolloutValidation() {
    }

    static List<FieldError> deployment(JsonNode spec) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath strategyPath = SPEC.child("strategy");
        JsonNode strategy = spec.path("strategy");
        String type = strategy.path("type").asText("RollingUpdate");
        JsonNode rollingUpdate = strategy.path("rollingUpdate");
        switch (type) {
            case "Recreate" -> {
                if (!isAbsent(rollingUpdate)) {
                    errors.add(FieldError.forbidden(strategyPath.child("rollingUpdate"),
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                FieldPath path = strategyPath.child("rollingUpdate");
                JsonNode maxUnavailable = orDefault(rollingUpdate.path("maxUnavailable"), new TextNode("25%"));
                JsonNode maxSurge = orDefault(rollingUpdate.path("maxSurge"), new TextNode("25%"));
                errors.addAll(intOrPercent(maxUnavailable, path.child("maxUnavailable")));
                errors.addAll(intOrPercent(maxSurge, path.child("maxSurge")));
                if (isZero(maxUnavailable) && isZero(maxSurge)) {
                    errors.add(FieldError.invalid(path.child("maxUnavailable"), maxUnavailable,
                            "may not be 0 when `maxSurge` is 0"));
                }
                errors.addAll(notMoreThan100Percent(maxUnavailable, path.child("maxUnavailable")));
            }
            default -> errors.add(FieldError.unsupported(strategyPath.child("type"), type,
                    List.of("Recreate", "RollingUpdate")));
        }
        long minReadySeconds = spec.path("minReadySeconds").asLong(0);
        nonNegative(spec.path("minReadySeconds"), SPEC.child("minReadySeconds"), errors);
        nonNegative(spec.path("revisionHistoryLimit"), SPEC.child("revisionHistoryLimit"), errors);
        JsonNode deadline = spec.path("progressDeadlineSeconds");
        if (!isAbsent(deadline)) {
            nonNegative(deadline, SPEC.child("progressDeadlineSeconds"), errors);
            if (deadline.isIntegralNumber() && deadline.asLong() <= minReadySeconds) {
                errors.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds"), deadline,
                        "must be greater than minReadySeconds"));
            }
        }
        return errors;
    }

    static List<FieldError> daemonSet(JsonNode spec) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath strategyPath = SPEC.child("updateStrategy");
        JsonNode strategy = spec.path("updateStrategy");
        String type = strategy.path("type").asText("RollingUpdate");
        if (type.equals("RollingUpdate")) {
            FieldPath path = strategyPath.child("rollingUpdate");
            JsonNode rollingUpdate = strategy.path("rollingUpdate");
            JsonNode maxUnavailable = orDefault(rollingUpdate.path("maxUnavailable"), IntNode.valueOf(1));
            JsonNode maxSurge = orDefault(rollingUpdate.path("maxSurge"), IntNode.valueOf(0));
            errors.addAll(intOrPercent(maxUnavailable, path.child("maxUnavailable")));
            errors.addAll(intOrPercent(maxSurge, path.child("maxSurge")));
            errors.addAll(notMoreThan100Percent(maxUnavailable, path.child("maxUnavailable")));
            errors.addAll(notMoreThan100Percent(maxSurge, path.child("maxSurge")));
            boolean hasUnavailable = !isZero(maxUnavailable);
            boolean hasSurge = !isZero(maxSurge);
            if (hasUnavailable && hasSurge) {
                errors.add(FieldError.invalid(path.child("maxSurge"), maxSurge,
                        "may not be set when maxUnavailable is non-zero"));
            } else if (!hasUnavailable && !hasSurge) {
                errors.add(FieldError.required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
            }
        } else if (!type.equals("OnDelete")) {
            errors.add(FieldError.unsupported(strategyPath.child("type"), type, List.of("OnDelete", "RollingUpdate")));
        }
        nonNegative(spec.path("minReadySeconds"), SPEC.child("minReadySeconds"), errors);
        nonNegative(spec.path("revisionHistoryLimit"), SPEC.child("revisionHistoryLimit"), errors);
        return errors;
    }

    private static JsonNode orDefault(JsonNode value, JsonNode fallback) {
        return isAbsent(value) ? fallback : value;
    }

    private static List<FieldError> intOrPercent(JsonNode value, FieldPath path) {
        if (value.isTextual()) {
            return PERCENT.matcher(value.textValue()).matches() ? List.of()
                    : List.of(FieldError.invalid(path, value, PERCENT_MESSAGE));
        }
        if (value.isIntegralNumber()) {
            return value.asLong() < 0 ? List.of(FieldError.invalid(path, value, NON_NEGATIVE)) : List.of();
        }
        return List.of(FieldError.invalid(path, value, "must be an integer or percentage (e.g '5%')"));
    }

    private static List<FieldError> notMoreThan100Percent(JsonNode value, FieldPath path) {
        if (value.isTextual() && PERCENT.matcher(value.textValue()).matches() && percent(value) > 100) {
            return List.of(FieldError.invalid(path, value, "must not be greater than 100%"));
        }
        return List.of();
    }

    /** 0, "0%" or anything that is not a valid amount (reported on its own) counts as zero, as Kubernetes does. */
    private static boolean isZero(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong() == 0;
        }
        return !value.isTextual() || !PERCENT.matcher(value.textValue()).matches() || percent(value) == 0;
    }

    private static long percent(JsonNode value) {
        String digits = value.textValue().substring(0, value.textValue().length() - 1);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long holds: certainly above 100
        }
    }

    private static void nonNegative(JsonNode value, FieldPath path, List<FieldError> errors) {
        if (!isAbsent(value) && value.isIntegralNumber() && value.asLong() < 0) {
            errors.add(FieldError.invalid(path, value, NON_NEGATIVE));
        }
    }
}
