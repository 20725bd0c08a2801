package io.coxswain.protocol.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.selector.LabelRequirement.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: all of its requirements must hold for a label set to match.
 *
 * <p>Built from the query-string form ({@link #parse}, the {@code labelSelector=} parameter),
 * from a {@code metav1.LabelSelector} JSON object ({@link #fromJson}, e.g. a Deployment's
 * {@code spec.selector}) or from a plain label map ({@link #fromMatchLabels}, e.g. a
 * ReplicationController's selector). {@link #toString()} is the canonical string form
 * Kubernetes prints, used for a Scale's {@code status.selector}.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<LabelRequirement> requirements;
    /** An absent selector in an object selects nothing, which no requirement list can express. */
    private final boolean matchesNothing;

    private LabelSelector(List<LabelRequirement> requirements, boolean matchesNothing) {
        this.requirements = List.copyOf(requirements);
        this.matchesNothing = matchesNothing;
    }

    /** Matches every label set. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Matches no label set, as Kubernetes treats a missing {@code LabelSelector}. */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * Parses the query-string form, e.g. {@code app=web,tier in (be,fe),!canary}. A null or
     * blank string selects everything.
     *
     * @throws SelectorParseException with Kubernetes' message when the text is malformed
     */
    public static LabelSelector parse(String selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        return of(LabelSelectorParser.parse(selector));
    }

    /** Requires each given label to have exactly the given value; an empty map selects everything. */
    public static LabelSelector fromMatchLabels(Map<String, String> matchLabels) {
        List<LabelRequirement> requirements = new ArrayList<>();
        matchLabels.forEach((key, value) -> requirements.add(LabelRequirement.of(key, Operator.EQUALS, value)));
        return of(requirements);
    }

    /**
     * Converts a {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions}
     * with In, NotIn, Exists, DoesNotExist). Missing or null selects nothing; an empty object
     * selects everything.
     *
     * @throws SelectorParseException when the object is malformed
     */
    public static LabelSelector fromJson(JsonNode labelSelector) {
        if (labelSelector == null || labelSelector.isMissingNode() || labelSelector.isNull()) {
            return NOTHING;
        }
        if (!labelSelector.isObject()) {
            throw new SelectorParseException("a label selector must be an object, found: " + labelSelector);
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        JsonNode matchLabels = labelSelector.path("matchLabels");
        if (matchLabels.isObject()) {
            matchLabels.properties().forEach(label -> requirements.add(
                    LabelRequirement.of(label.getKey(), Operator.EQUALS, textOf(label.getValue(), "matchLabels"))));
        }
        for (JsonNode expression : labelSelector.path("matchExpressions")) {
            requirements.add(expressionToRequirement(expression));
        }
        return of(requirements);
    }

    /** The labels of an object ({@code metadata.labels}), ignoring values that are not strings. */
    public static Map<String, String> labelsOf(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.path("metadata").path("labels").properties().forEach(label -> {
            if (label.getValue().isTextual()) {
                labels.put(label.getKey(), label.getValue().textValue());
            }
        });
        return labels;
    }

    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(present));
    }

    /** Whether the object's {@code metadata.labels} match. */
    public boolean matchesLabelsOf(JsonNode object) {
        return matches(labelsOf(object));
    }

    /** True when the selector has no requirements and therefore matches everything. */
    public boolean isEmpty() {
        return requirements.isEmpty() && !matchesNothing;
    }

    /** Requirements sorted by key. */
    public List<LabelRequirement> requirements() {
        return requirements;
    }

    /** The canonical form, e.g. {@code app=web,tier in (be,fe)}; empty for everything and nothing. */
    @Override
    public String toString() {
        return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector that
                && matchesNothing == that.matchesNothing
                && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, matchesNothing);
    }

    private static LabelSelector of(List<LabelRequirement> requirements) {
        if (requirements.isEmpty()) {
            return EVERYTHING;
        }
        List<LabelRequirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(LabelRequirement::key));
        return new LabelSelector(sorted, false);
    }

    private static LabelRequirement expressionToRequirement(JsonNode expression) {
        String key = textOf(expression.path("key"), "matchExpressions.key");
        String operatorName = expression.path("operator").asText("");
        Operator operator = switch (operatorName) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new SelectorParseException(
                    "\"" + operatorName + "\" is not a valid label selector operator");
        };
        List<String> values = new ArrayList<>();
        for (JsonNode value : expression.path("values")) {
            values.add(textOf(value, "matchExpressions.values"));
        }
        return new LabelRequirement(key, operator, values);
    }

    private static String textOf(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new SelectorParseException("label selector " + field + " must be a string, found: " + node);
        }
        return node.textValue();
    }
}
