package io.coxswain.protocol.patch;

import static io.coxswain.protocol.patch.PatchDirectives.DELETE;
import static io.coxswain.protocol.patch.PatchDirectives.MERGE;
import static io.coxswain.protocol.patch.PatchDirectives.PATCH;
import static io.coxswain.protocol.patch.PatchDirectives.REPLACE;
import static io.coxswain.protocol.patch.StrategicMergePatch.child;
import static io.coxswain.protocol.patch.StrategicMergePatch.elements;
import static io.coxswain.protocol.patch.StrategicMergePatch.fresh;
import static io.coxswain.protocol.patch.StrategicMergePatch.identities;
import static io.coxswain.protocol.patch.StrategicMergePatch.identityOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.patch.PatchMergeKeys.MergeStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The list half of {@link StrategicMergePatch}: replace, merge as a set, or merge by key. */
final class StrategicListMerge {

    private StrategicListMerge() {
    }

    static ArrayNode merge(ArrayNode live, ArrayNode patch, List<String> path) {
        Optional<MergeStrategy> strategy = PatchMergeKeys.strategyFor(path);
        if (strategy.isEmpty()) {
            return withoutDirectives(patch, path);
        }
        if (strategy.get().mergesPrimitives()) {
            return mergePrimitives(live, patch, path);
        }
        return mergeByKey(live, patch, strategy.get().mergeKey(), path);
    }

    /**
     * The patch's list as the new value: what a list without merge strategy becomes, and
     * what any list the original lacked becomes. Directive elements have nothing to act on.
     */
    static ArrayNode withoutDirectives(ArrayNode patch, List<String> path) {
        ArrayNode replacement = JsonNodeFactory.instance.arrayNode();
        List<String> elementPath = child(path, PatchMergeKeys.ELEMENT);
        for (JsonNode element : patch) {
            if (!(element.isObject() && element.has(PATCH))) {
                replacement.add(fresh(element, elementPath));
            }
        }
        return replacement;
    }

    /** Union of both lists without duplicates, e.g. finalizers. */
    private static ArrayNode mergePrimitives(ArrayNode live, ArrayNode patch, List<String> path) {
        List<JsonNode> union = new ArrayList<>();
        for (ArrayNode list : List.of(live, patch)) {
            for (JsonNode element : list) {
                if (element.isContainerNode()) {
                    throw PatchException.malformed("the list " + String.join(".", path)
                            + " holds primitive values and cannot merge " + element);
                }
                if (JsonValues.indexOf(union, element) < 0) {
                    union.add(element);
                }
            }
        }
        return ordered(union, elements(patch), elements(live), Function.identity());
    }

    private static ArrayNode mergeByKey(ArrayNode live, ArrayNode patch, String mergeKey, List<String> path) {
        List<String> elementPath = child(path, PatchMergeKeys.ELEMENT);
        List<JsonNode> merged = new ArrayList<>();
        for (JsonNode element : live) {
            if (!element.isObject()) {
                throw PatchException.notApplicable("the list " + String.join(".", path)
                        + " is merged by '" + mergeKey + "' but holds a non-object element: " + element);
            }
            merged.add(element);
        }
        List<ObjectNode> patchElements = new ArrayList<>();
        boolean replaceAll = false;
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                throw PatchException.malformed("the list " + String.join(".", path)
                        + " is merged by '" + mergeKey + "' and needs objects, found: " + element);
            }
            ObjectNode patchElement = (ObjectNode) element;
            JsonNode directive = patchElement.get(PATCH);
            if (directive == null) {
                patchElements.add(patchElement);
                continue;
            }
            switch (directive.asText()) {
                case DELETE -> merged.removeIf(e -> JsonValues.same(e.get(mergeKey), requireKey(patchElement, mergeKey)));
                case REPLACE -> replaceAll = true;
                case MERGE -> {
                    patchElement.remove(PATCH);
                    if (patchElement.has(mergeKey)) {
                        patchElements.add(patchElement);
                    }
                }
                default -> throw PatchException.malformed(
                        "unknown patch type: " + directive.asText() + " in map: " + patchElement);
            }
        }
        if (replaceAll) {
            ArrayNode replacement = JsonNodeFactory.instance.arrayNode();
            patchElements.forEach(e -> replacement.add(fresh(e, elementPath)));
            return replacement;
        }
        Function<JsonNode, JsonNode> identity = identityOf(Optional.of(new MergeStrategy(mergeKey)));
        List<JsonNode> serverOrder = identities(merged, identity);
        List<JsonNode> patchOrder = new ArrayList<>();
        for (ObjectNode patchElement : patchElements) {
            JsonNode key = requireKey(patchElement, mergeKey);
            patchOrder.add(key);
            int position = JsonValues.indexOf(identities(merged, identity), key);
            if (position >= 0) {
                merged.set(position, StrategicMergePatch.mergeObject((ObjectNode) merged.get(position), patchElement, elementPath));
            } else {
                merged.add(fresh(patchElement, elementPath));
            }
        }
        return ordered(merged, patchOrder, serverOrder, identity);
    }

    private static ArrayNode ordered(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                     Function<JsonNode, JsonNode> identity) {
        return JsonNodeFactory.instance.arrayNode().addAll(
                ElementOrder.normalize(merged, patchOrder, serverOrder, identity));
    }

    private static JsonNode requireKey(ObjectNode element, String mergeKey) {
        JsonNode key = element.get(mergeKey);
        if (key == null || key.isNull()) {
            throw PatchException.malformed("map: " + element + " does not contain declared merge key: " + mergeKey);
        }
        return key;
    }
}
