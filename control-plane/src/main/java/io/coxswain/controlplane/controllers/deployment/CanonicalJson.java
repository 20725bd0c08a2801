package io.coxswain.controlplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON form of a model object in which equal meaning gives equal text: keys sorted, and null or
 * empty members dropped (Kubernetes' semantic equality treats a nil and an empty map or list as
 * equal, and objects read back from the store may carry either).
 */
final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical tree of {@code value}. */
    static JsonNode of(Object value) {
        return canonical(Json.MAPPER.valueToTree(value), false);
    }

    /**
     * As {@link #of} but numeric zeros dropped too: for status objects, whose counters Kubernetes
     * omits when zero, so an absent counter and a 0 are the same status.
     */
    static JsonNode ofStatus(Object value) {
        return canonical(Json.MAPPER.valueToTree(value), true);
    }

    static String text(Object value) {
        return Json.write(of(value));
    }

    private static JsonNode canonical(JsonNode node, boolean dropZeros) {
        if (node.isObject()) {
            ObjectNode sorted = Json.object();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                JsonNode child = canonical(node.get(name), dropZeros);
                if (!isEmpty(child, dropZeros)) {
                    sorted.set(name, child);
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            node.forEach(element -> array.add(canonical(element, dropZeros)));
            return array;
        }
        return node;
    }

    private static boolean isEmpty(JsonNode node, boolean dropZeros) {
        return node == null
                || node.isNull()
                || (node.isContainerNode() && node.isEmpty())
                || (dropZeros && node.isNumber() && node.asDouble() == 0);
    }
}
