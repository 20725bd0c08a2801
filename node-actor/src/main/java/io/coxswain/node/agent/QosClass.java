package io.coxswain.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.quantity.Quantities;

/**
 * A pod's quality-of-service class, as Kubernetes derives it: Guaranteed when every container limits
 * CPU and memory and requests the same, BestEffort when none requests or limits anything, Burstable
 * otherwise.
 */
final class QosClass {
    private QosClass() {}

    static String of(JsonNode pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : pod.path("spec").path(list)) {
                JsonNode requests = container.path("resources").path("requests");
                JsonNode limits = container.path("resources").path("limits");
                for (String resource : new String[] {"cpu", "memory"}) {
                    boolean limited = limits.has(resource);
                    any |= limited || requests.has(resource);
                    // A request left out defaults to the limit, so only a different request breaks Guaranteed.
                    if (!limited || (requests.has(resource) && !sameQuantity(requests.get(resource), limits.get(resource)))) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static boolean sameQuantity(JsonNode a, JsonNode b) {
        try {
            return Quantities.parse(a.asText())
                    .compareTo(Quantities.parse(b.asText())) == 0;
        } catch (IllegalArgumentException e) {
            return a.asText().equals(b.asText());
        }
    }
}
