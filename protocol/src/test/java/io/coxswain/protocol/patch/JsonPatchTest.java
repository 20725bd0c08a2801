package io.coxswain.protocol.patch;

import static io.coxswain.protocol.patch.Documents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

    private static final JsonNode DEPLOYMENT = json("""
            {"metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """);

    @Test
    void appliesAddReplaceRemoveMoveCopyAndTest() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, json("""
                [{"op":"test","path":"/spec/replicas","value":2},
                 {"op":"replace","path":"/spec/replicas","value":3},
                 {"op":"add","path":"/metadata/labels/tier","value":"fe"},
                 {"op":"remove","path":"/metadata/labels/app"},
                 {"op":"copy","from":"/metadata/labels/tier","path":"/metadata/labels/copied"},
                 {"op":"move","from":"/metadata/labels/copied","path":"/metadata/labels/moved"},
                 {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]
                """));

        assertThat(patched).isEqualTo(json("""
                {"metadata":{"name":"web","labels":{"tier":"fe","moved":"fe"}},
                 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
                """));
    }

    @Test
    void appendsToAListWithTheDashIndex() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, json("""
                [{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"sidecar","image":"envoy"}}]
                """));

        assertThat(patched.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("sidecar");
    }

    @Test
    void failedTestOperationIsUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":5}]")))
                .isInstanceOf(PatchException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test operation failed at /spec/replicas")
                .satisfies(e -> assertThat(((PatchException) e).statusCode()).isEqualTo(422));
    }

    @Test
    void removingAMissingFieldIsUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"remove\",\"path\":\"/spec/paused\"}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("remove operation failed")
                .satisfies(e -> assertThat(((PatchException) e).problem()).isEqualTo(PatchException.Problem.NOT_APPLICABLE));
    }

    @Test
    void replacingBelowAMissingParentIsUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"replace\",\"path\":\"/status/replicas\",\"value\":1}]")))
                .isInstanceOf(PatchException.class)
                .satisfies(e -> assertThat(((PatchException) e).statusCode()).isEqualTo(422));
    }

    @Test
    void patchThatIsNotAnArrayIsMalformed() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("{\"op\":\"add\"}")))
                .isInstanceOf(PatchException.class)
                .hasMessage("a JSON patch must be an array of operations")
                .satisfies(e -> assertThat(((PatchException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void unknownOperationIsMalformed() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"frobnicate\",\"path\":\"/a\"}]")))
                .isInstanceOf(PatchException.class)
                .hasMessageStartingWith("invalid JSON patch:")
                .satisfies(e -> assertThat(((PatchException) e).problem()).isEqualTo(PatchException.Problem.MALFORMED_PATCH));
    }

    @Test
    void operationWithoutPathIsMalformed() {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"add\",\"value\":1}]")))
                .isInstanceOf(PatchException.class)
                .satisfies(e -> assertThat(((PatchException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void leavesTheTargetUnchanged() {
        JsonNode before = DEPLOYMENT.deepCopy();

        JsonPatch.apply(DEPLOYMENT, json("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":9}]"));

        assertThat(DEPLOYMENT).isEqualTo(before);
    }
}
