package io.coxswain.protocol.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Puts a merged list in order the way Kubernetes does: the elements named in the patch
 * (or in {@code $setElementOrder}) come in the patch's order, and elements only the
 * server knew about are slotted in among them by their position in the live list.
 * Precedence: {@code $setElementOrder} &gt; order in the patch list &gt; order in the live list.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * @param merged      the merged elements
     * @param patchOrder  identities (merge-key values or primitives) in the wanted order
     * @param serverOrder identities in the order of the live list
     * @param identity    reads an element's identity
     */
    static List<JsonNode> normalize(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                    Function<JsonNode, JsonNode> identity) {
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            (JsonValues.indexOf(patchOrder, identity.apply(element)) >= 0 ? fromPatch : serverOnly).add(element);
        }
        fromPatch.sort(byPositionIn(patchOrder, identity));
        serverOnly.sort(byPositionIn(serverOrder, identity));
        return interleave(serverOnly, fromPatch, serverOrder, identity);
    }

    /**
     * Kubernetes' {@code mergeSortedSlice}: walks both lists, taking a server-only element
     * first only when the live list had it before the next patch element. Patch elements
     * new to the live list therefore come before the remaining server-only ones.
     */
    private static List<JsonNode> interleave(List<JsonNode> serverOnly, List<JsonNode> fromPatch,
                                             List<JsonNode> serverOrder, Function<JsonNode, JsonNode> identity) {
        List<JsonNode> result = new ArrayList<>(serverOnly.size() + fromPatch.size());
        int s = 0;
        int p = 0;
        while (s < serverOnly.size() || p < fromPatch.size()) {
            if (p >= fromPatch.size()) {
                result.add(serverOnly.get(s++));
            } else if (s >= serverOnly.size()) {
                result.add(fromPatch.get(p++));
            } else {
                int serverPosition = JsonValues.indexOf(serverOrder, identity.apply(serverOnly.get(s)));
                int patchPosition = JsonValues.indexOf(serverOrder, identity.apply(fromPatch.get(p)));
                boolean serverFirst = serverPosition >= 0 && patchPosition >= 0 && serverPosition < patchPosition;
                result.add(serverFirst ? serverOnly.get(s++) : fromPatch.get(p++));
            }
        }
        return result;
    }

    /** Elements missing from {@code order} keep their relative place at the end (stable sort). */
    private static Comparator<JsonNode> byPositionIn(List<JsonNode> order, Function<JsonNode, JsonNode> identity) {
        return Comparator.comparingInt(element -> {
            int position = JsonValues.indexOf(order, identity.apply(element));
            return position >= 0 ? position : Integer.MAX_VALUE;
        });
    }
}
