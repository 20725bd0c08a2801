package io.coxswain.protocol.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.json.MalformedBodyException;
import io.coxswain.protocol.patch.PatchException;
import io.coxswain.protocol.quantity.MalformedQuantityException;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.SelectorParseException;
import org.junit.jupiter.api.Test;

/** Only the client's own mistakes get a 4xx; an exception of any other type is not one. */
class ClientErrorsTest {

    @Test
    void inputThatDoesNotParseIsABadRequest() {
        assertThat(ClientErrors.statusOf(new MalformedBodyException("unexpected end"))).get()
                .extracting(ApiStatus::code, ApiStatus::reason).containsExactly(400, "BadRequest");
        assertThat(ClientErrors.statusOf(new SelectorParseException("found '(', expected: identifier"))).get()
                .extracting(ApiStatus::code).isEqualTo(400);
        assertThat(ClientErrors.statusOf(new MalformedQuantityException("quantities must match"))).get()
                .extracting(ApiStatus::code).isEqualTo(400);
    }

    @Test
    void aPatchIsMalformedOrDoesNotFitTheObject() {
        assertThat(ClientErrors.statusOf(new PatchException(PatchException.Problem.MALFORMED_PATCH, "not a list")))
                .get().extracting(ApiStatus::code, ApiStatus::reason).containsExactly(400, "BadRequest");
        assertThat(ClientErrors.statusOf(new PatchException(PatchException.Problem.NOT_APPLICABLE, "test failed"),
                ResourceTypes.POD, "web")).get()
                .extracting(ApiStatus::code, ApiStatus::reason, ApiStatus::name, ApiStatus::kind)
                .containsExactly(422, "Invalid", "web", "Pod");
    }

    @Test
    void aRefusalKeepsItsOwnStatus() {
        ApiStatus conflict = ApiStatus.staleResourceVersion(ResourceTypes.POD, "web");
        assertThat(ClientErrors.statusOf(conflict.exception())).contains(conflict);
    }

    @Test
    void anyOtherExceptionIsNotTheClients() {
        assertThat(ClientErrors.statusOf(new IllegalArgumentException("a bug"))).isEmpty();
        assertThat(ClientErrors.statusOf(new NumberFormatException("For input string: \"x\""))).isEmpty();
        assertThat(ClientErrors.statusOf(new IllegalStateException("a bug"))).isEmpty();
        assertThat(ClientErrors.statusOf(new NullPointerException())).isEmpty();
    }
}
