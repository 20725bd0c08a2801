package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.ValidationMessages.byteLength;
import static io.coxswain.protocol.validation.ValidationMessages.emptyError;
import static io.coxswain.protocol.validation.ValidationMessages.maxLenError;
import static io.coxswain.protocol.validation.ValidationMessages.regexError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax for label keys ("qualified names" with an optional DNS subdomain
 * prefix), label values and annotations, with Kubernetes' messages.
 */
public final class LabelValidation {

    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    /** Annotations are stored with the object, so their total size is capped (256 KiB). */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

    public static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    public static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";

    private static final String QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String[] QUALIFIED_NAME_EXAMPLES = {"MyName", "my.name", "123-abc"};
    private static final String PREFIX_SEPARATOR = "/";

    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);

    private LabelValidation() {
    }

    /** A label key: {@code name} or {@code dns.subdomain/name}. */
    public static List<String> isQualifiedName(String key) {
        List<String> problems = new ArrayList<>();
        String[] parts = key.split(PREFIX_SEPARATOR, -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                problems.add("prefix part " + emptyError());
            } else {
                NameValidation.isDns1123Subdomain(prefix).forEach(p -> problems.add("prefix part " + p));
            }
        } else {
            problems.add("a qualified name " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT,
                    QUALIFIED_NAME_EXAMPLES) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return problems;
        }
        if (name.isEmpty()) {
            problems.add("name part " + emptyError());
        } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
            problems.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            problems.add("name part " + regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, QUALIFIED_NAME_EXAMPLES));
        }
        return problems;
    }

    public static List<String> isValidLabelValue(String value) {
        List<String> problems = new ArrayList<>();
        if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
            problems.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            problems.add(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return problems;
    }

    /** Validates a label map, e.g. {@code metadata.labels}; absent or null labels are fine. */
    public static List<FieldError> validateLabels(JsonNode labels, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null || labels.isMissingNode() || labels.isNull()) {
            return errors;
        }
        if (!labels.isObject()) {
            errors.add(FieldError.invalid(path, labels, "must be a map of string keys to string values"));
            return errors;
        }
        labels.properties().forEach(label -> {
            isQualifiedName(label.getKey()).forEach(p -> errors.add(FieldError.invalid(path, label.getKey(), p)));
            JsonNode value = label.getValue();
            if (!value.isTextual()) {
                errors.add(FieldError.invalid(path.key(label.getKey()), value, "must be a string"));
            } else {
                isValidLabelValue(value.textValue()).forEach(p -> errors.add(FieldError.invalid(path, value, p)));
            }
        });
        return errors;
    }

    public static List<FieldError> validateLabels(Map<String, String> labels, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        labels.forEach((key, value) -> {
            isQualifiedName(key).forEach(p -> errors.add(FieldError.invalid(path, key, p)));
            isValidLabelValue(value).forEach(p -> errors.add(FieldError.invalid(path, value, p)));
        });
        return errors;
    }

    /**
     * Annotation keys follow the label key syntax except that case does not matter; values
     * are free text, but all keys and values together must fit in
     * {@link #TOTAL_ANNOTATION_SIZE_LIMIT_BYTES}.
     */
    public static List<FieldError> validateAnnotations(JsonNode annotations, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (annotations == null || annotations.isMissingNode() || annotations.isNull()) {
            return errors;
        }
        if (!annotations.isObject()) {
            errors.add(FieldError.invalid(path, annotations, "must be a map of string keys to string values"));
            return errors;
        }
        long totalSize = 0;
        for (var annotation : annotations.properties()) {
            String key = annotation.getKey();
            isQualifiedName(key.toLowerCase(Locale.ROOT)).forEach(p -> errors.add(FieldError.invalid(path, key, p)));
            JsonNode value = annotation.getValue();
            if (!value.isTextual()) {
                errors.add(FieldError.invalid(path.key(key), value, "must be a string"));
            }
            totalSize += byteLength(key) + (value.isTextual() ? byteLength(value.textValue()) : 0);
        }
        if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
            errors.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
        }
        return errors;
    }

    /**
     * Validates a {@code metav1.LabelSelector} object ({@code matchLabels},
     * {@code matchExpressions}) like Kubernetes' {@code ValidateLabelSelector}.
     */
    public static List<FieldError> validateLabelSelector(JsonNode selector, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return errors;
        }
        errors.addAll(validateLabels(selector.path("matchLabels"), path.child("matchLabels")));
        JsonNode expressions = selector.path("matchExpressions");
        for (int i = 0; i < expressions.size(); i++) {
            errors.addAll(validateSelectorExpression(expressions.get(i), path.child("matchExpressions").index(i)));
        }
        return errors;
    }

    private static List<FieldError> validateSelectorExpression(JsonNode expression, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        String operator = expression.path("operator").asText("");
        JsonNode values = expression.path("values");
        int valueCount = values.isArray() ? values.size() : 0;
        switch (operator) {
            case "In", "NotIn" -> {
                if (valueCount == 0) {
                    errors.add(FieldError.required(path.child("values"),
                            "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (valueCount > 0) {
                    errors.add(FieldError.forbidden(path.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errors.add(FieldError.invalid(path.child("operator"), operator, "not a valid selector operator"));
        }
        String key = expression.path("key").asText("");
        isQualifiedName(key).forEach(p -> errors.add(FieldError.invalid(path.child("key"), key, p)));
        for (int i = 0; i < valueCount; i++) {
            String value = values.get(i).asText();
            FieldPath valuePath = path.child("values").index(i);
            isValidLabelValue(value).forEach(p -> errors.add(FieldError.invalid(valuePath, value, p)));
        }
        return errors;
    }
}
