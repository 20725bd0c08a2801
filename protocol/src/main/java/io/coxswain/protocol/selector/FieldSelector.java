package io.coxswain.protocol.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.selector.FieldRequirement.Operator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector ({@code fieldSelector=metadata.name=x,status.phase!=Running}):
 * every term must hold. Fields are dotted paths into the object; a missing field reads as
 * the empty string, so {@code spec.nodeName=} selects unscheduled pods.
 *
 * <p>Which fields may be used depends on the kind; check with
 * {@link SupportedFields#requireSupported} before listing.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private static final List<String> OPERATORS_LONGEST_FIRST = List.of("!=", "==", "=");
    private static final char ESCAPE = '\\';
    private static final char TERM_SEPARATOR = ',';

    private final List<FieldRequirement> requirements;

    private FieldSelector(List<FieldRequirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses the query-string form. Terms are comma-separated; a value may contain
     * {@code \,}, {@code \=} and {@code \\}. Terms are kept sorted, as Kubernetes does.
     *
     * @throws SelectorParseException with Kubernetes' message when a term is malformed
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        List<String> terms = splitTerms(selector);
        Collections.sort(terms);
        List<FieldRequirement> requirements = new ArrayList<>();
        for (String term : terms) {
            if (!term.isEmpty()) {
                requirements.add(parseTerm(selector, term));
            }
        }
        return new FieldSelector(requirements);
    }

    /** Matches against the object's fields read as plain dotted paths. */
    public boolean matches(JsonNode object) {
        return matches(field -> valueAtPath(object, field));
    }

    /**
     * Matches against the object's fields as Kubernetes exposes them for {@code kind}
     * (e.g. an Event's {@code source} reads {@code source.component}).
     */
    public boolean matches(JsonNode object, String kind) {
        return matches(field -> SupportedFields.valueOf(kind, object, field));
    }

    /** Matches against field values supplied by the caller. */
    public boolean matches(Function<String, String> fieldValues) {
        return requirements.stream().allMatch(r -> r.matches(fieldValues.apply(r.field())));
    }

    /** The field names used, in selector order, so the API can reject unsupported ones. */
    public Set<String> fieldNames() {
        return requirements.stream().map(FieldRequirement::field).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The value the selector pins {@code field} to, e.g. for a direct lookup of {@code metadata.name=x}. */
    public Optional<String> exactValue(String field) {
        return requirements.stream()
                .filter(r -> r.field().equals(field) && r.operator() == Operator.EQUALS)
                .map(FieldRequirement::value)
                .findFirst();
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<FieldRequirement> requirements() {
        return requirements;
    }

    /** The canonical form, e.g. {@code metadata.name=x,status.phase!=Running}. */
    @Override
    public String toString() {
        return requirements.stream().map(FieldRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSelector that && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** A dotted path's value as text; numbers and booleans as written, anything absent as "". */
    static String valueAtPath(JsonNode object, String dottedPath) {
        JsonNode node = object;
        for (String segment : dottedPath.split("\\.", -1)) {
            node = node.path(segment);
        }
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** Splits on commas that are not escaped; the escapes stay in the terms for later. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == ESCAPE) {
                escaped = true;
            } else if (c == TERM_SEPARATOR) {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** The field name cannot be escaped, so the first operator in the term splits it. */
    private static FieldRequirement parseTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            for (String operator : OPERATORS_LONGEST_FIRST) {
                if (term.startsWith(operator, i)) {
                    String value = unescape(term.substring(i + operator.length()));
                    Operator parsed = operator.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
                    return new FieldRequirement(term.substring(0, i), parsed, value);
                }
            }
        }
        throw new SelectorParseException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    private static String unescape(String value) {
        StringBuilder plain = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != ESCAPE && c != TERM_SEPARATOR && c != '=') {
                    throw new SelectorParseException("invalid field selector: invalid escape sequence: " + ESCAPE + c);
                }
                plain.append(c);
                escaped = false;
            } else if (c == ESCAPE) {
                escaped = true;
            } else if (c == TERM_SEPARATOR || c == '=') {
                throw new SelectorParseException("invalid field selector: unescaped character in value: " + c);
            } else {
                plain.append(c);
            }
        }
        if (escaped) {
            throw new SelectorParseException("invalid field selector: invalid escape sequence: " + ESCAPE);
        }
        return plain.toString();
    }
}
