package io.coxswain.controlplane.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The conditions of a terminating namespace, with Kubernetes' types, reasons and messages, so that
 * {@code kubectl describe namespace} tells a user what holds the deletion up. A condition whose
 * status and message are unchanged keeps its transition time, or the status would never settle.
 */
final class NamespaceConditions {
    private NamespaceConditions() {}

    static ArrayNode next(JsonNode current, List<NamespaceContent> remaining, String deleteFailure, Instant now) {
        ArrayNode conditions = Json.MAPPER.createArrayNode();
        add(conditions, current, now, "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                "All resources successfully discovered");
        add(conditions, current, now, "NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                "All legacy kube types successfully parsed");
        if (deleteFailure != null) {
            add(conditions, current, now, "NamespaceDeletionContentFailure", true, "ContentDeletionFailed",
                    "Failed to delete all resource types, 1 remaining: " + deleteFailure);
        } else {
            add(conditions, current, now, "NamespaceDeletionContentFailure", false, "ContentDeleted",
                    "All content successfully deleted, may be waiting on finalization");
        }
        if (remaining.isEmpty()) {
            add(conditions, current, now, "NamespaceContentRemaining", false, "ContentRemoved",
                    "All content successfully removed");
        } else {
            add(conditions, current, now, "NamespaceContentRemaining", true, "SomeResourcesRemain",
                    "Some resources are remaining: " + counted(remaining.stream().collect(Collectors.groupingBy(
                            NamespaceContent::resourceName, TreeMap::new, Collectors.counting())), "has"));
        }
        Map<String, Long> finalizers = remaining.stream().flatMap(c -> c.finalizers().stream())
                .collect(Collectors.groupingBy(f -> f, TreeMap::new, Collectors.counting()));
        if (finalizers.isEmpty()) {
            add(conditions, current, now, "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                    "All content-preserving finalizers finished");
        } else {
            add(conditions, current, now, "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + counted(finalizers, "in"));
        }
        return conditions;
    }

    /** "configmaps. has 3 resource instances, pods. has 2 resource instances" ({@code verb} "has"; "in" for finalizers). */
    private static String counted(Map<String, Long> counts, String verb) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + verb + " " + e.getValue() + " resource instances")
                .collect(Collectors.joining(", "));
    }

    private static void add(ArrayNode conditions, JsonNode current, Instant now, String type, boolean status,
                            String reason, String message) {
        String statusText = status ? "True" : "False";
        for (JsonNode existing : current) {
            if (type.equals(existing.path("type").asText()) && statusText.equals(existing.path("status").asText())
                    && reason.equals(existing.path("reason").asText())
                    && message.equals(existing.path("message").asText())) {
                conditions.add(existing.deepCopy());
                return;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", statusText);
        condition.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("reason", reason);
        condition.put("message", message);
    }
}
