package io.coxswain.protocol.patch;

import static io.coxswain.protocol.patch.PatchDirectives.DELETE;
import static io.coxswain.protocol.patch.PatchDirectives.DELETE_FROM_PRIMITIVE_LIST_PREFIX;
import static io.coxswain.protocol.patch.PatchDirectives.DIRECTIVE_MARK;
import static io.coxswain.protocol.patch.PatchDirectives.MERGE;
import static io.coxswain.protocol.patch.PatchDirectives.PATCH;
import static io.coxswain.protocol.patch.PatchDirectives.REPLACE;
import static io.coxswain.protocol.patch.PatchDirectives.RETAIN_KEYS;
import static io.coxswain.protocol.patch.PatchDirectives.SET_ELEMENT_ORDER_PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.patch.PatchMergeKeys.MergeStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}) for
 * the built-in kinds, as sent by {@code kubectl apply}, {@code edit}, {@code set image},
 * {@code rollout restart} and the default {@code kubectl patch}.
 *
 * <p>Maps merge recursively and {@code null} deletes a field. Lists listed in
 * {@link PatchMergeKeys} merge element by element on their merge key (or as a set, for
 * primitive lists such as finalizers); every other list is replaced. Directives:
 * {@code $patch: replace|delete|merge} on maps and list elements, {@code $retainKeys},
 * {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * Returns the patched object; neither argument is modified.
     *
     * @throws PatchException when the patch is malformed or does not fit the object
     */
    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw PatchException.malformed("a strategic merge patch must be a JSON object");
        }
        ObjectNode target = original == null || original.isNull() || original.isMissingNode()
                ? emptyObject()
                : requireObject(original);
        return mergeObject(target.deepCopy(), ((ObjectNode) patch).deepCopy(), List.of());
    }

    /** Merges {@code patch} into {@code original}; both belong to this merge and are changed. */
    static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, List<String> path) {
        JsonNode directive = patch.remove(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case REPLACE -> {
                    return mergeObject(emptyObject(), patch, path);
                }
                case DELETE -> {
                    return emptyObject();
                }
                case MERGE -> {
                    // merging is what happens anyway
                }
                default -> throw PatchException.malformed(
                        "unknown patch type: " + directive.asText() + " in map: " + patch);
            }
        }
        retainKeys(original, patch);
        applyElementOrders(original, patch, path);
        for (String key : fieldNames(patch)) {
            JsonNode value = patch.get(key);
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
                deleteFromPrimitiveList(original, key.substring(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length()), value);
            } else if (key.startsWith(DIRECTIVE_MARK)) {
                throw PatchException.malformed("unknown strategic merge patch directive: " + key);
            } else if (value.isNull()) {
                original.remove(key);
            } else {
                original.set(key, mergeValue(original.get(key), value, child(path, key)));
            }
        }
        return original;
    }

    /**
     * A value the original does not have yet, with directives and nulls taken out. A new
     * list is taken as it is, not merged with itself: a Service may well list port 53
     * twice, once per protocol.
     */
    static JsonNode fresh(JsonNode value, List<String> path) {
        if (value.isObject()) {
            return mergeObject(emptyObject(), (ObjectNode) value, path);
        }
        if (value.isArray()) {
            return StrategicListMerge.withoutDirectives((ArrayNode) value, path);
        }
        return value;
    }

    private static JsonNode mergeValue(JsonNode current, JsonNode patchValue, List<String> path) {
        if (current != null && current.isObject() && patchValue.isObject()) {
            return mergeObject((ObjectNode) current, (ObjectNode) patchValue, path);
        }
        if (current != null && current.isArray() && patchValue.isArray()) {
            return StrategicListMerge.merge((ArrayNode) current, (ArrayNode) patchValue, path);
        }
        return fresh(patchValue, path);
    }

    /** {@code $retainKeys}: fields of the original not named in the list are dropped. */
    private static void retainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retained = patch.remove(RETAIN_KEYS);
        if (retained == null) {
            return;
        }
        if (!retained.isArray()) {
            throw PatchException.malformed("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        retained.forEach(key -> keep.add(key.asText()));
        for (String key : fieldNames(patch)) {
            boolean isDirective = key.startsWith(DIRECTIVE_MARK);
            if (!isDirective && !patch.get(key).isNull() && !keep.contains(key)) {
                throw PatchException.malformed(
                        "invalid patch format of retainKeys: field '" + key + "' is not in the $retainKeys list " + retained);
            }
        }
        original.retain(keep);
    }

    /**
     * {@code $setElementOrder/<list>}: merges the list named by the directive together with
     * its patch list (if any), then orders the result by the directive.
     */
    private static void applyElementOrders(ObjectNode original, ObjectNode patch, List<String> path) {
        for (String key : fieldNames(patch)) {
            if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            String listKey = key.substring(SET_ELEMENT_ORDER_PREFIX.length());
            if (!order.isArray() || listKey.isEmpty()) {
                throw PatchException.malformed("invalid patch format of setElementOrder list");
            }
            ArrayNode live = arrayOrNull(original.get(listKey), listKey);
            ArrayNode patchList = arrayOrNull(patch.remove(listKey), listKey);
            if (live == null && patchList == null) {
                continue;
            }
            List<String> listPath = child(path, listKey);
            Optional<MergeStrategy> strategy = PatchMergeKeys.strategyFor(listPath);
            Function<JsonNode, JsonNode> identity = identityOf(strategy);
            checkOrderMatchesPatch(patchList, (ArrayNode) order, identity);
            ArrayNode merged;
            if (patchList == null) {
                merged = live;
            } else if (live == null) {
                merged = (ArrayNode) fresh(patchList, listPath);
            } else {
                merged = StrategicListMerge.merge(live, patchList, listPath);
            }
            List<JsonNode> ordered = ElementOrder.normalize(
                    elements(merged), identities(order, identity), identities(live, identity), identity);
            original.set(listKey, JsonNodeFactory.instance.arrayNode().addAll(ordered));
        }
    }

    /**
     * The patch list must name its elements in the same relative order as the directive,
     * otherwise the two disagree about the order wanted.
     */
    private static void checkOrderMatchesPatch(ArrayNode patchList, ArrayNode order, Function<JsonNode, JsonNode> identity) {
        if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode element : patchList) {
            if (!(element.isObject() && element.has(PATCH))) {
                named.add(element);
            }
        }
        int inPatch = 0;
        for (int inOrder = 0; inOrder < order.size() && inPatch < named.size(); inOrder++) {
            if (JsonValues.same(identity.apply(named.get(inPatch)), identity.apply(order.get(inOrder)))) {
                inPatch++;
            }
        }
        if (inPatch < named.size()) {
            throw PatchException.malformed("The order in patch list:\n" + patchList
                    + "\n doesn't match " + SET_ELEMENT_ORDER_PREFIX + " list:\n" + order);
        }
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String listKey, JsonNode toDelete) {
        if (listKey.isEmpty() || !toDelete.isArray()) {
            throw PatchException.malformed("invalid patch format of primitive list");
        }
        ArrayNode live = arrayOrNull(original.get(listKey), listKey);
        if (live == null) {
            return;
        }
        List<JsonNode> deleted = elements((ArrayNode) toDelete);
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        live.forEach(element -> {
            if (JsonValues.indexOf(deleted, element) < 0) {
                kept.add(element);
            }
        });
        original.set(listKey, kept);
    }

    static Function<JsonNode, JsonNode> identityOf(Optional<MergeStrategy> strategy) {
        if (strategy.isEmpty() || strategy.get().mergesPrimitives()) {
            return Function.identity();
        }
        String mergeKey = strategy.get().mergeKey();
        return element -> element.isObject() ? element.get(mergeKey) : null;
    }

    static List<JsonNode> identities(Iterable<JsonNode> list, Function<JsonNode, JsonNode> identity) {
        List<JsonNode> identities = new ArrayList<>();
        if (list != null) {
            list.forEach(element -> identities.add(identity.apply(element)));
        }
        return identities;
    }

    static List<JsonNode> elements(ArrayNode list) {
        List<JsonNode> elements = new ArrayList<>(list.size());
        list.forEach(elements::add);
        return elements;
    }

    static List<String> child(List<String> path, String segment) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(segment);
        return child;
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ArrayNode arrayOrNull(JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw PatchException.notApplicable("expected a list at '" + key + "', found: " + value.getNodeType());
        }
        return (ArrayNode) value;
    }

    private static ObjectNode requireObject(JsonNode original) {
        if (!original.isObject()) {
            throw PatchException.notApplicable("a strategic merge patch can only be applied to a JSON object");
        }
        return (ObjectNode) original;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
