package io.coxswain.protocol.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Value comparisons for patching, where 80 and 80.0 (or an int and a long node) are the same key. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean same(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        return left.equals(right);
    }

    /** Position of the first value the same as {@code wanted}, or -1. */
    static int indexOf(List<JsonNode> values, JsonNode wanted) {
        if (wanted == null) {
            return -1;
        }
        for (int i = 0; i < values.size(); i++) {
            if (same(values.get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }
}
