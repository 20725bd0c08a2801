package io.coxswain.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders an offending value the way Kubernetes (Go's fmt) prints it in a validation error,
 * so our messages read like the ones clients and people already know: strings quoted
 * ({@code "Bad_Name"}), numbers bare ({@code -1}), a Java {@code Map} of labels as
 * {@code map[string]string{"app":"x"}}, JSON objects and arrays as JSON.
 */
final class BadValues {

    private static final int FIRST_PRINTABLE = 0x20;
    private static final int DELETE = 0x7f;

    private BadValues() {
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            return renderJson(node);
        }
        if (value instanceof CharSequence text) {
            return quote(text.toString());
        }
        if (value instanceof Map<?, ?> map) {
            return renderStringMap(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> quote(String.valueOf(item)))
                    .collect(Collectors.joining(", ", "[]string{", "}"));
        }
        return String.valueOf(value);
    }

    /** Go's {@code strconv.Quote}: double quotes, backslash escapes for the unprintable. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < FIRST_PRINTABLE || c == DELETE) {
                        quoted.append(String.format("\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private static String renderJson(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        // Structured values (selectors, lists) print as JSON, as newer Kubernetes versions do.
        return node.toString();
    }

    /** Go's {@code %#v} of a {@code map[string]string}: keys sorted, comma-space separated. */
    private static String renderStringMap(Map<?, ?> map) {
        return new TreeMap<>(map).entrySet().stream()
                .map(e -> quote(String.valueOf(e.getKey())) + ":" + quote(String.valueOf(e.getValue())))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }
}
