package io.coxswain.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Reading optional fields of a Kubernetes-shaped JSON object. */
final class JsonFields {

    /** Numbers compare by value: a client's 5 and our stored 5L are the same replica count. */
    private static final Comparator<JsonNode> BY_VALUE = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        return left.equals(right) ? 0 : 1;
    };

    private JsonFields() {
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A string field's text, or "" when it is absent; Kubernetes treats both alike. */
    static String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        return isAbsent(value) ? "" : value.asText();
    }

    static boolean sameValue(JsonNode left, JsonNode right) {
        if (isAbsent(left) || isAbsent(right)) {
            return isAbsent(left) && isAbsent(right);
        }
        return left.equals(BY_VALUE, right);
    }

    static int sizeOf(JsonNode list) {
        return list.isArray() ? list.size() : 0;
    }
}
