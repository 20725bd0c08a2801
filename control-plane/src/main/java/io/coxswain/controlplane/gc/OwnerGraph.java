package io.coxswain.controlplane.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.entity.Finalizers;
import io.coxswain.protocol.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the garbage collector should do, computed from one snapshot of every object: a pure
 * function, as Kubernetes' garbage collector reasons over its graph of owner references.
 * <ul>
 *   <li>a dependant none of whose owners exists any more is deleted (background propagation);</li>
 *   <li>an owner being deleted in the foreground has its dependants deleted, and its
 *       {@code foregroundDeletion} finalizer removed once none is left;</li>
 *   <li>an owner being deleted with {@code orphan} has its reference removed from its dependants,
 *       then its {@code orphan} finalizer removed.</li>
 * </ul>
 */
public final class OwnerGraph {

    /** One step: delete an object, or patch it (JSON merge patch or JSON patch). */
    public sealed interface Action {
        CachedObject target();
    }

    public record Delete(CachedObject target) implements Action {}

    public record Patch(CachedObject target, String patchType, String patch) implements Action {}

    private OwnerGraph() {}

    public static List<Action> plan(List<CachedObject> objects) {
        Map<String, CachedObject> byUid = new HashMap<>();
        Map<String, List<CachedObject>> dependantsByOwnerUid = new HashMap<>();
        for (CachedObject object : objects) {
            byUid.put(Json.text(object.object(), "metadata.uid"), object);
            for (JsonNode reference : object.object().path("metadata").path("ownerReferences")) {
                dependantsByOwnerUid.computeIfAbsent(reference.path("uid").asText(), u -> new ArrayList<>())
                        .add(object);
            }
        }
        List<Action> actions = new ArrayList<>();
        for (CachedObject object : objects) {
            JsonNode references = object.object().path("metadata").path("ownerReferences");
            if (references.isEmpty() || deleting(object)) {
                continue;
            }
            boolean anyOwnerLeft = false;
            for (JsonNode reference : references) {
                CachedObject owner = byUid.get(reference.path("uid").asText());
                if (owner != null && !(deleting(owner) && hasFinalizer(owner, Finalizers.FOREGROUND_DELETION))) {
                    anyOwnerLeft = true;
                }
            }
            if (!anyOwnerLeft) {
                actions.add(new Delete(object));
            }
        }
        for (CachedObject owner : objects) {
            if (!deleting(owner)) {
                continue;
            }
            String uid = Json.text(owner.object(), "metadata.uid");
            List<CachedObject> dependants = dependantsByOwnerUid.getOrDefault(uid, List.of());
            if (hasFinalizer(owner, Finalizers.ORPHAN)) {
                for (CachedObject dependant : dependants) {
                    actions.add(new Patch(dependant, "merge", withoutOwner(dependant.object(), uid)));
                }
                if (dependants.isEmpty()) {
                    actions.add(new Patch(owner, "merge", withoutFinalizer(owner.object(), Finalizers.ORPHAN)));
                }
            } else if (hasFinalizer(owner, Finalizers.FOREGROUND_DELETION) && dependants.isEmpty()) {
                actions.add(new Patch(owner, "merge",
                        withoutFinalizer(owner.object(), Finalizers.FOREGROUND_DELETION)));
            }
        }
        return actions;
    }

    static boolean deleting(CachedObject object) {
        return object.object().path("metadata").has("deletionTimestamp");
    }

    static boolean hasFinalizer(CachedObject object, String finalizer) {
        for (JsonNode existing : object.object().path("metadata").path("finalizers")) {
            if (existing.asText().equals(finalizer)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutOwner(ObjectNode dependant, String ownerUid) {
        ObjectNode patch = Json.object();
        ArrayNode remaining = Json.child(patch, "metadata").putArray("ownerReferences");
        for (JsonNode reference : dependant.path("metadata").path("ownerReferences")) {
            if (!reference.path("uid").asText().equals(ownerUid)) {
                remaining.add(reference.deepCopy());
            }
        }
        if (remaining.isEmpty()) {
            ((ObjectNode) patch.get("metadata")).putNull("ownerReferences");
        }
        ((ObjectNode) patch.get("metadata")).put("resourceVersion",
                Json.text(dependant, "metadata.resourceVersion"));
        return Json.write(patch);
    }

    private static String withoutFinalizer(ObjectNode owner, String finalizer) {
        ObjectNode patch = Json.object();
        ArrayNode remaining = Json.child(patch, "metadata").putArray("finalizers");
        for (JsonNode existing : owner.path("metadata").path("finalizers")) {
            if (!existing.asText().equals(finalizer)) {
                remaining.add(existing.asText());
            }
        }
        ((ObjectNode) patch.get("metadata")).put("resourceVersion", Json.text(owner, "metadata.resourceVersion"));
        return Json.write(patch);
    }
}
