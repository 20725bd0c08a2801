package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.selector.LabelSelector;
import io.coxswain.protocol.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A required pod (anti-)affinity term: pods in {@code namespaces} whose labels match
 * {@code selector}, counted per topology domain ({@code topologyKey}).
 *
 * <p>Without {@code namespaces} and {@code namespaceSelector} the term looks only at the owning
 * pod's namespace; an empty {@code namespaceSelector} ({@code {}}) means every namespace. A
 * non-empty namespaceSelector needs namespace labels, which the snapshot does not carry: it adds
 * no namespace.
 */
public record PodAffinityTerm(LabelSelector selector, Set<String> namespaces, boolean allNamespaces,
                              String topologyKey) {

    public boolean matches(PodInfo pod) {
        return (allNamespaces || namespaces.contains(pod.namespace())) && selector.matches(pod.labels());
    }

    static PodAffinityTerm of(JsonNode term, String ownerNamespace) {
        Set<String> namespaces = new LinkedHashSet<>();
        term.path("namespaces").forEach(namespace -> namespaces.add(namespace.asText()));
        JsonNode namespaceSelector = term.get("namespaceSelector");
        boolean hasNamespaceSelector = namespaceSelector != null && namespaceSelector.isObject();
        if (namespaces.isEmpty() && !hasNamespaceSelector) {
            namespaces.add(ownerNamespace);
        }
        boolean allNamespaces = hasNamespaceSelector && namespaceSelector.isEmpty();
        return new PodAffinityTerm(selectorOf(term.get("labelSelector")), Set.copyOf(namespaces), allNamespaces,
                term.path("topologyKey").asText(""));
    }

    /** A malformed selector (the API server should have refused it) selects nothing. */
    private static LabelSelector selectorOf(JsonNode labelSelector) {
        try {
            return LabelSelector.fromJson(labelSelector);
        } catch (SelectorParseException malformed) {
            return LabelSelector.nothing();
        }
    }

    static List<PodAffinityTerm> listOf(JsonNode terms, String ownerNamespace) {
        List<PodAffinityTerm> result = new ArrayList<>();
        terms.forEach(term -> result.add(of(term, ownerNamespace)));
        return List.copyOf(result);
    }
}
