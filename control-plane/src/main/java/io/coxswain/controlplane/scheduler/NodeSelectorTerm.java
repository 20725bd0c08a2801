package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code nodeSelectorTerms[]} entry of node affinity: all its {@code matchExpressions} (on
 * labels) and {@code matchFields} (only {@code metadata.name}) must hold. A term without any
 * requirement matches no node, as in Kubernetes.
 */
public record NodeSelectorTerm(List<Requirement> matchExpressions, List<Requirement> matchFields) {

    /** One requirement: In, NotIn, Exists, DoesNotExist, Gt, Lt. */
    public record Requirement(String key, String operator, List<String> values) {

        boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case "In" -> actual != null && values.contains(actual);
                case "NotIn" -> actual == null || !values.contains(actual);
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                case "Gt" -> compareAsIntegers(actual) > 0;
                case "Lt" -> compareAsIntegers(actual) < 0;
                default -> false;
            };
        }

        /** Gt/Lt compare a label that must be an integer with the single value; otherwise nothing matches. */
        private int compareAsIntegers(String actual) {
            if (actual == null || values.size() != 1) {
                return 0;
            }
            try {
                return Long.compare(Long.parseLong(actual), Long.parseLong(values.get(0)));
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }

        static Requirement of(JsonNode requirement) {
            List<String> values = new ArrayList<>();
            requirement.path("values").forEach(value -> values.add(value.asText()));
            return new Requirement(requirement.path("key").asText(""), requirement.path("operator").asText(""),
                    List.copyOf(values));
        }
    }

    public boolean matches(NodeInfo node) {
        if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
            return false;
        }
        Map<String, String> fields = Map.of("metadata.name", node.name());
        return matchExpressions.stream().allMatch(requirement -> requirement.matches(node.labels()))
                && matchFields.stream().allMatch(requirement -> fieldRequirementMatches(requirement, fields));
    }

    /** Kubernetes only allows In and NotIn on fields, and only on metadata.name. */
    private static boolean fieldRequirementMatches(Requirement requirement, Map<String, String> fields) {
        boolean supported = fields.containsKey(requirement.key())
                && (requirement.operator().equals("In") || requirement.operator().equals("NotIn"));
        return supported && requirement.matches(fields);
    }

    /** Whether any of the terms matches: terms are ORed. */
    public static boolean anyMatches(List<NodeSelectorTerm> terms, NodeInfo node) {
        return terms.stream().anyMatch(term -> term.matches(node));
    }

    static NodeSelectorTerm of(JsonNode term) {
        List<Requirement> expressions = new ArrayList<>();
        term.path("matchExpressions").forEach(requirement -> expressions.add(Requirement.of(requirement)));
        List<Requirement> fields = new ArrayList<>();
        term.path("matchFields").forEach(requirement -> fields.add(Requirement.of(requirement)));
        return new NodeSelectorTerm(List.copyOf(expressions), List.copyOf(fields));
    }

    static List<NodeSelectorTerm> listOf(JsonNode terms) {
        List<NodeSelectorTerm> result = new ArrayList<>();
        terms.forEach(term -> result.add(of(term)));
        return List.copyOf(result);
    }
}
