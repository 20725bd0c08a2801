package io.coxswain.protocol.selector;

import io.coxswain.protocol.validation.FieldError;
import io.coxswain.protocol.validation.FieldPath;
import io.coxswain.protocol.validation.LabelValidation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One term of a label selector, e.g. {@code tier in (be,fe)}. Values are kept sorted and
 * unique, which is how Kubernetes prints them. Construction validates the term the way
 * Kubernetes' {@code labels.NewRequirement} does and throws {@link SelectorParseException}.
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    /** Kubernetes' {@code selection.Operator}; {@link #symbol()} is its string value. */
    public enum Operator {
        EQUALS("="),
        DOUBLE_EQUALS("=="),
        NOT_EQUALS("!="),
        IN("in"),
        NOT_IN("notin"),
        EXISTS("exists"),
        DOES_NOT_EXIST("!"),
        GREATER_THAN("gt"),
        LESS_THAN("lt");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public LabelRequirement {
        values = List.copyOf(new TreeSet<>(values));
        List<FieldError> errors = validate(key, operator, values);
        if (!errors.isEmpty()) {
            throw new SelectorParseException(aggregate(errors));
        }
    }

    public static LabelRequirement of(String key, Operator operator, String... values) {
        return new LabelRequirement(key, operator, List.of(values));
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        boolean present = actual != null;
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> present && values.contains(actual);
            case NOT_EQUALS, NOT_IN -> !present || !values.contains(actual);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> present && comparesAsIntegers(actual);
        };
    }

    /** The canonical form Kubernetes prints, e.g. {@code app=web}, {@code !canary}, {@code tier in (be,fe)}. */
    @Override
    public String toString() {
        String joined = String.join(",", values);
        return switch (operator) {
            case EQUALS -> key + "=" + joined;
            case DOUBLE_EQUALS -> key + "==" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }

    private boolean comparesAsIntegers(String actual) {
        try {
            long labelValue = Long.parseLong(actual);
            long bound = Long.parseLong(values.get(0));
            return operator == Operator.GREATER_THAN ? labelValue > bound : labelValue < bound;
        } catch (NumberFormatException notAnInteger) {
            return false;
        }
    }

    private static List<FieldError> validate(String key, Operator operator, List<String> values) {
        List<FieldError> errors = new ArrayList<>();
        List<String> keyProblems = LabelValidation.isQualifiedName(key);
        if (!keyProblems.isEmpty()) {
            errors.add(FieldError.invalid(FieldPath.root("key"), key, String.join("; ", keyProblems)));
        }
        FieldPath valuesPath = FieldPath.root("values");
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errors.add(FieldError.invalid(valuesPath, values, "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    errors.add(FieldError.invalid(valuesPath, values, "exact-match compatibility requires one single value"));
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errors.add(FieldError.invalid(valuesPath, values, "values set must be empty for exists and does not exist"));
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errors.add(FieldError.invalid(valuesPath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInteger(values.get(i))) {
                        errors.add(FieldError.invalid(valuesPath.index(i), values.get(i),
                                "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> valueProblems = LabelValidation.isValidLabelValue(values.get(i));
            if (!valueProblems.isEmpty()) {
                errors.add(FieldError.invalid(valuesPath.index(i).key(key), values.get(i), String.join("; ", valueProblems)));
            }
        }
        return errors;
    }

    private static boolean isInteger(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException notAnInteger) {
            return false;
        }
    }

    /** Kubernetes' error aggregate: one message alone, several de-duplicated in brackets. */
    static String aggregate(List<FieldError> errors) {
        Set<String> messages = new LinkedHashSet<>();
        errors.forEach(e -> messages.add(e.toString()));
        return messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
    }
}
