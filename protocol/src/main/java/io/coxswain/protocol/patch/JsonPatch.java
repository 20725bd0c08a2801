package io.coxswain.protocol.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.InvalidJsonPatchException;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.util.EnumSet;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}), applied with zjsonpatch.
 * Its exceptions become {@link PatchException}s: a malformed patch is a 400, an operation
 * that cannot be carried out on this document (failed {@code test}, missing path) a 422.
 */
public final class JsonPatch {

    /** RFC 6902 makes removing a location that does not exist an error; zjsonpatch needs to be told. */
    private static final EnumSet<CompatibilityFlags> RFC_6902 =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatch() {
    }

    /** Returns the patched document; neither argument is modified. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchException.malformed("a JSON patch must be an array of operations");
        }
        try {
            return com.flipkart.zjsonpatch.JsonPatch.apply(patch, target, RFC_6902);
        } catch (InvalidJsonPatchException e) {
            throw new PatchException(PatchException.Problem.MALFORMED_PATCH, "invalid JSON patch: " + e.getMessage(), e);
        } catch (JsonPatchApplicationException e) {
            throw new PatchException(PatchException.Problem.NOT_APPLICABLE, describe(e), e);
        } catch (IllegalArgumentException e) {
            // zjsonpatch reports a syntactically broken JSON pointer this way.
            throw new PatchException(PatchException.Problem.MALFORMED_PATCH, "invalid JSON patch: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonPatchApplicationException failure) {
        StringBuilder message = new StringBuilder("the JSON patch could not be applied");
        if (failure.getOperation() != null) {
            message.append(": ").append(failure.getOperation().rfcName()).append(" operation failed");
        }
        if (failure.getPath() != null && !failure.getPath().toString().isEmpty()) {
            message.append(" at ").append(failure.getPath());
        }
        return message.append(": ").append(failure.getMessage()).toString();
    }
}
