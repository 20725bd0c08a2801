package io.coxswain.controlplane.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.StatusPatches;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' namespace lifecycle, as a pure planner: a namespace being deleted (it has a
 * {@code deletionTimestamp} and still the {@code kubernetes} finalizer) has everything in it
 * deleted, round after round until nothing is left; then the finalizer is removed and the
 * namespace's entity lets it go. Until then its conditions say what remains and why.
 */
public final class NamespacePlanner {
    /** The finalizer that is the namespace controller's, in {@code spec.finalizers}. */
    public static final String FINALIZER = "kubernetes";
    /** Plan again this soon after a delete failed; wake-ups carry the rest. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);
    /** A safety net under the wake-ups while content remains (a pod in its grace period, a finalizer). */
    static final Duration RECHECK = Duration.ofSeconds(10);

    private NamespacePlanner() {}

    public static List<ControllerAction> plan(JsonNode namespace, List<NamespaceContent> contents,
                                              String lastDeleteFailure, Instant now) {
        if (!terminating(namespace)) {
            return List.of();
        }
        String name = Json.text(namespace, "metadata.name");
        List<ControllerAction> actions = new ArrayList<>();
        for (NamespaceContent content : contents) {
            if (!content.deleting()) {
                actions.add(new ControllerAction.Delete(content.type(), name, content.name(), content.uid()));
            }
        }
        JsonNode status = namespace.path("status");
        ArrayNode conditions = NamespaceConditions.next(status.path("conditions"), contents, lastDeleteFailure, now);
        if (StatusPatches.differs(status.path("conditions"), conditions)) {
            ObjectNode patch = Json.object();
            patch.putObject("status").set("conditions", conditions);
            actions.add(new ControllerAction.MergePatch(ResourceTypes.NAMESPACE, "", name, "status", patch));
        }
        if (contents.isEmpty()) {
            actions.add(new ControllerAction.MergePatch(ResourceTypes.NAMESPACE, "", name, "finalize",
                    withoutOwnFinalizer(namespace)));
        } else {
            actions.add(new ControllerAction.RequeueAfter(lastDeleteFailure != null ? RETRY_AFTER_FAILURE : RECHECK));
        }
        return actions;
    }

    /** Being deleted, and not yet let go by this controller. */
    public static boolean terminating(JsonNode namespace) {
        if (!namespace.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        for (JsonNode finalizer : namespace.path("spec").path("finalizers")) {
            if (FINALIZER.equals(finalizer.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A merge patch of spec.finalizers: every finalizer but this controller's, kept in order. */
    private static ObjectNode withoutOwnFinalizer(JsonNode namespace) {
        ObjectNode patch = Json.object();
        ArrayNode finalizers = patch.putObject("spec").putArray("finalizers");
        namespace.path("spec").path("finalizers").forEach(f -> {
            if (!FINALIZER.equals(f.asText())) {
                finalizers.add(f.asText());
            }
        });
        return patch;
    }
}
