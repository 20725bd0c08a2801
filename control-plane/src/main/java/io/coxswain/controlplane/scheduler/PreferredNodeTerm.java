package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One {@code preferredDuringSchedulingIgnoredDuringExecution[]} entry of node affinity. */
public record PreferredNodeTerm(int weight, NodeSelectorTerm preference) {

    static List<PreferredNodeTerm> listOf(JsonNode preferred) {
        List<PreferredNodeTerm> result = new ArrayList<>();
        for (JsonNode entry : preferred) {
            result.add(new PreferredNodeTerm(entry.path("weight").asInt(0), NodeSelectorTerm.of(entry.path("preference"))));
        }
        return List.copyOf(result);
    }
}
