package io.coxswain.controlplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import java.util.List;
import java.util.Optional;

/** Reading a plan the way the tests ask about it. */
final class Plans {

    private Plans() {}

    static List<ControllerAction.Create> creates(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.Create.class::isInstance).map(ControllerAction.Create.class::cast).toList();
    }

    /** The nodes the created pods are pinned to, in plan order. */
    static List<String> createdOn(List<ControllerAction> plan) {
        return creates(plan).stream().map(Plans::targetNode).toList();
    }

    static String targetNode(ControllerAction.Create create) {
        return create.object().at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                + "/nodeSelectorTerms/0/matchFields/0/values/0").asText();
    }

    static List<String> deleted(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.Delete.class::isInstance).map(ControllerAction.Delete.class::cast)
                .map(ControllerAction.Delete::name).toList();
    }

    static List<ControllerAction.RecordEvent> events(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.RecordEvent.class::isInstance)
                .map(ControllerAction.RecordEvent.class::cast).toList();
    }

    static Optional<JsonNode> status(List<ControllerAction> plan) {
        return plan.stream().filter(ControllerAction.MergePatch.class::isInstance)
                .map(ControllerAction.MergePatch.class::cast)
                .filter(patch -> patch.subresource().equals("status"))
                .map(patch -> (JsonNode) patch.patch().path("status"))
                .findFirst();
    }
}
