package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelValidationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FieldPath LABELS = FieldPath.root("metadata").child("labels");
    private static final String NAME_PART_MESSAGE = "name part must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "App_Name-1", "app.kubernetes.io/name", "example.com/MyName", "a"})
    void acceptsQualifiedNames(String key) {
        assertThat(LabelValidation.isQualifiedName(key)).isEmpty();
    }

    @Test
    void rejectsNamePartsWithBadCharacters() {
        assertThat(LabelValidation.isQualifiedName("bad key")).containsExactly(NAME_PART_MESSAGE);
    }

    @Test
    void rejectsEmptyPrefixAndEmptyName() {
        assertThat(LabelValidation.isQualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(LabelValidation.isQualifiedName("example.com/")).contains("name part must be non-empty");
    }

    @Test
    void rejectsPrefixesThatAreNotSubdomains() {
        assertThat(LabelValidation.isQualifiedName("Example.com/app").get(0))
                .startsWith("prefix part a lowercase RFC 1123 subdomain must consist of");
    }

    @Test
    void rejectsMoreThanOneSlash() {
        assertThat(LabelValidation.isQualifiedName("a/b/c")).singleElement().asString()
                .startsWith("a qualified name must consist of")
                .endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }

    @Test
    void rejectsNamePartsLongerThan63Characters() {
        assertThat(LabelValidation.isQualifiedName("a".repeat(64))).containsExactly("name part must be no more than 63 characters");
    }

    @Test
    void labelValuesMayBeEmptyOrUpTo63Characters() {
        assertThat(LabelValidation.isValidLabelValue("")).isEmpty();
        assertThat(LabelValidation.isValidLabelValue("v1.2_beta-3")).isEmpty();
        assertThat(LabelValidation.isValidLabelValue("a".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void labelValuesMustStartAndEndAlphanumeric() {
        assertThat(LabelValidation.isValidLabelValue("-x")).containsExactly("a valid label must be an empty string or "
                + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void validateLabelsReportsKeysAndValuesAtTheLabelsPath() throws Exception {
        List<FieldError> errors = LabelValidation.validateLabels(json("{'good':'ok','bad key':'ok','app':'bad value'}"), LABELS);

        assertThat(errors).extracting(FieldError::toString).containsExactly(
                "metadata.labels: Invalid value: \"bad key\": " + NAME_PART_MESSAGE,
                "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void validateLabelsRejectsNonStringValues() throws Exception {
        assertThat(LabelValidation.validateLabels(json("{'version':2}"), LABELS)).extracting(FieldError::toString)
                .containsExactly("metadata.labels[version]: Invalid value: 2: must be a string");
    }

    @Test
    void validateLabelsAcceptsAbsentLabelsAndJavaMaps() {
        assertThat(LabelValidation.validateLabels((JsonNode) null, LABELS)).isEmpty();
        assertThat(LabelValidation.validateLabels(MAPPER.missingNode(), LABELS)).isEmpty();
        assertThat(LabelValidation.validateLabels(Map.of("app", "web"), LABELS)).isEmpty();
        assertThat(LabelValidation.validateLabels(Map.of("app", "-"), LABELS)).hasSize(1);
    }

    @Test
    void annotationKeysIgnoreCaseButFollowLabelKeySyntax() throws Exception {
        FieldPath annotations = FieldPath.root("metadata").child("annotations");

        assertThat(LabelValidation.validateAnnotations(json("{'Example.COM/Owner':'Team A, with spaces!'}"), annotations)).isEmpty();
        assertThat(LabelValidation.validateAnnotations(json("{'bad key':'x'}"), annotations)).hasSize(1);
    }

    @Test
    void annotationsMayNotExceed256KiBInTotal() {
        FieldPath annotations = FieldPath.root("metadata").child("annotations");
        ObjectNode fits = MAPPER.createObjectNode().put("a", "x".repeat(LabelValidation.TOTAL_ANNOTATION_SIZE_LIMIT_BYTES - 1));
        ObjectNode tooBig = MAPPER.createObjectNode().put("a", "x".repeat(LabelValidation.TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));

        assertThat(LabelValidation.validateAnnotations(fits, annotations)).isEmpty();
        assertThat(LabelValidation.validateAnnotations(tooBig, annotations)).extracting(FieldError::toString)
                .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
    }

    @Test
    void labelSelectorObjectsAreValidatedPerExpression() throws Exception {
        FieldPath selector = FieldPath.root("spec").child("selector");
        JsonNode invalid = json("{'matchLabels':{'app':'web'},'matchExpressions':["
                + "{'key':'tier','operator':'In'},"
                + "{'key':'canary','operator':'Exists','values':['x']},"
                + "{'key':'x','operator':'Near','values':['y']}]}");

        assertThat(LabelValidation.validateLabelSelector(invalid, selector)).extracting(FieldError::toString).containsExactly(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator");
    }
}
