package io.coxswain.protocol.patch;

import static io.coxswain.protocol.patch.Documents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    /** The examples of RFC 7386, appendix A. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                | {\"b\":\"c\"}                 | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                | {\"a\":null}                  | {}",
        "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                  | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                | {\"a\":[\"b\"]}               | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                   | {\"a\":[1]}",
        "[\"a\",\"b\"]                | [\"c\",\"d\"]                 | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                | [\"c\"]                       | [\"c\"]",
        "{\"a\":\"foo\"}              | null                          | null",
        "{\"a\":\"foo\"}              | \"bar\"                       | \"bar\"",
        "{\"e\":null}                 | {\"a\":1}                     | {\"e\":null,\"a\":1}",
        "[1,2]                        | {\"a\":\"b\",\"c\":null}      | {\"a\":\"b\"}",
        "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
    })
    void followsTheRfcExamples(String target, String patch, String result) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    @Test
    void scalePatchSetsReplicasAndKeepsTheRest() {
        JsonNode deployment = json("{\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");

        assertThat(MergePatch.apply(deployment, json("{\"spec\":{\"replicas\":5}}")))
                .isEqualTo(json("{\"spec\":{\"replicas\":5,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}"));
    }

    @Test
    void nullLabelRemovesTheLabelAsKubectlLabelDoes() {
        JsonNode pod = json("{\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"web\",\"tier\":\"fe\"}}}");

        assertThat(MergePatch.apply(pod, json("{\"metadata\":{\"labels\":{\"app\":null}}}")))
                .isEqualTo(json("{\"metadata\":{\"name\":\"p\",\"labels\":{\"tier\":\"fe\"}}}"));
    }

    @Test
    void arraysAreReplacedWhole() {
        JsonNode pod = json("{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}");

        assertThat(MergePatch.apply(pod, json("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}")))
                .isEqualTo(json("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"));
    }

    @Test
    void leavesItsInputsUnchanged() {
        JsonNode target = json("{\"a\":{\"b\":1}}");
        JsonNode patch = json("{\"a\":{\"b\":null,\"c\":2}}");

        MergePatch.apply(target, patch);

        assertThat(target).isEqualTo(json("{\"a\":{\"b\":1}}"));
        assertThat(patch).isEqualTo(json("{\"a\":{\"b\":null,\"c\":2}}"));
    }

    @Test
    void patchingNothingBuildsTheObject() {
        assertThat(MergePatch.apply(null, json("{\"a\":{\"b\":null,\"c\":1}}"))).isEqualTo(json("{\"a\":{\"c\":1}}"));
    }
}
