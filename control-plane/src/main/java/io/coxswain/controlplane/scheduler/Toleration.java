package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A pod toleration ({@code spec.tolerations[]}), matched against taints as core/v1's {@code ToleratesTaint}. */
public record Toleration(String key, String operator, String value, String effect) {

    public static final String EQUAL = "Equal";
    public static final String EXISTS = "Exists";

    /**
     * An empty effect tolerates every effect; an empty key (only valid with Exists) every key;
     * Exists ignores the value; Equal, also the default operator, needs the same value.
     */
    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return switch (operator) {
            case "", EQUAL -> value.equals(taint.value());
            case EXISTS -> true;
            default -> false;
        };
    }

    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        return tolerations.stream().anyMatch(toleration -> toleration.tolerates(taint));
    }

    static List<Toleration> listOf(JsonNode tolerations) {
        List<Toleration> result = new ArrayList<>();
        for (JsonNode toleration : tolerations) {
            result.add(of(toleration));
        }
        return List.copyOf(result);
    }

    /** One toleration of a pod spec, as JSON. */
    public static Toleration of(JsonNode toleration) {
        return new Toleration(toleration.path("key").asText(""), toleration.path("operator").asText(""),
                toleration.path("value").asText(""), toleration.path("effect").asText(""));
    }
}
