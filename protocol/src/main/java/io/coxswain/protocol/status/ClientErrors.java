package io.coxswain.protocol.status;

import io.coxswain.protocol.json.MalformedBodyException;
import io.coxswain.protocol.patch.PatchException;
import io.coxswain.protocol.quantity.MalformedQuantityException;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.selector.SelectorParseException;
import java.util.List;
import java.util.Optional;

/**
 * The failures that are the client's, and the Status each is answered with: a request refused on
 * purpose ({@link ApiException}) or input that does not parse (a body, a selector, a patch, a
 * quantity). These are the only ones: anything else that escapes handling a request is a bug of
 * ours, which the caller answers with 500 and logs, rather than blaming the client with a 4xx that
 * leaves no trace.
 */
public final class ClientErrors {
    private ClientErrors() {}

    /** The Status for a client's mistake; empty when {@code failure} is not one. */
    public static Optional<ApiStatus> statusOf(Throwable failure) {
        return statusOf(failure, null, null);
    }

    /**
     * As {@link #statusOf(Throwable)}, naming the object in a 422 as Kubernetes does.
     *
     * @param type the kind of the object written, or null
     * @param name its name, or null
     */
    public static Optional<ApiStatus> statusOf(Throwable failure, ResourceType type, String name) {
        if (failure instanceof ApiException refused) {
            return Optional.of(refused.status());
        }
        if (failure instanceof MalformedBodyException || failure instanceof SelectorParseException
                || failure instanceof MalformedQuantityException) {
            return Optional.of(ApiStatus.badRequest(failure.getMessage()));
        }
        if (failure instanceof PatchException patch) {
            if (patch.problem() == PatchException.Problem.MALFORMED_PATCH) {
                return Optional.of(ApiStatus.badRequest(patch.getMessage()));
            }
            return Optional.of(new ApiStatus(patch.statusCode(), "Invalid", patch.getMessage(), name,
                    type == null ? null : type.group(), type == null ? null : type.kind(), List.of()));
        }
        return Optional.empty();
    }
}
