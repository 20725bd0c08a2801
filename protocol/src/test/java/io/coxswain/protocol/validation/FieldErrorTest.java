package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    private static final FieldPath NAME = FieldPath.root("metadata").child("name");

    @Test
    void requiredValuePrintsPathAndType() {
        FieldError error = FieldError.required(FieldPath.root("spec").child("containers").index(0).child("image"), "");

        assertThat(error.toString()).isEqualTo("spec.containers[0].image: Required value");
        assertThat(error.type()).isEqualTo(FieldError.REQUIRED);
        assertThat(error.reason()).isEqualTo("FieldValueRequired");
    }

    @Test
    void requiredValueKeepsItsDetail() {
        assertThat(FieldError.required(NAME, "name or generateName is required").toString())
                .isEqualTo("metadata.name: Required value: name or generateName is required");
    }

    @Test
    void invalidValueQuotesStringsLikeKubernetes() {
        FieldError error = FieldError.invalid(NAME, "Bad_Name", NameValidation.isDns1123Subdomain("Bad_Name").get(0));

        assertThat(error.toString()).isEqualTo("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 "
                + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(error.reason()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void invalidValuePrintsNumbersBare() {
        assertThat(FieldError.invalid(FieldPath.root("spec").child("replicas"), -1, "must be greater than or equal to 0")
                .toString()).isEqualTo("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void invalidValuePrintsJsonNumbersAndStringsLikeKubernetes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        assertThat(FieldError.invalid(NAME, mapper.readTree("70000"), "x").body()).isEqualTo("Invalid value: 70000: x");
        assertThat(FieldError.invalid(NAME, mapper.readTree("\"a\\\"b\""), "x").body()).isEqualTo("Invalid value: \"a\\\"b\": x");
    }

    @Test
    void labelMapPrintsAsGoMapWithSortedKeys() {
        FieldError error = FieldError.invalid(FieldPath.root("spec").child("template").child("metadata").child("labels"),
                Map.of("tier", "fe", "app", "x"), "`selector` does not match template `labels`");

        assertThat(error.toString()).isEqualTo("spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"x\", \"tier\":\"fe\"}: `selector` does not match template `labels`");
    }

    @Test
    void jsonObjectsPrintAsJson() throws Exception {
        assertThat(FieldError.invalid(NAME, new ObjectMapper().readTree("{\"matchLabels\":{}}"), "m").detail())
                .isEqualTo("{\"matchLabels\":{}}: m");
    }

    @Test
    void absentValuesPrintAsNull() {
        assertThat(FieldError.invalid(NAME, null, "m").detail()).isEqualTo("null: m");
    }

    @Test
    void unsupportedValueListsTheSupportedOnes() {
        FieldError error = FieldError.unsupported(FieldPath.root("spec").child("restartPolicy"), "Sometimes",
                List.of("Always", "OnFailure", "Never"));

        assertThat(error.toString()).isEqualTo("spec.restartPolicy: Unsupported value: \"Sometimes\": "
                + "supported values: \"Always\", \"OnFailure\", \"Never\"");
        assertThat(error.reason()).isEqualTo("FieldValueNotSupported");
    }

    @Test
    void duplicateValueShowsTheValue() {
        FieldError error = FieldError.duplicate(FieldPath.root("spec").child("containers").index(1).child("name"), "web");

        assertThat(error.toString()).isEqualTo("spec.containers[1].name: Duplicate value: \"web\"");
        assertThat(error.reason()).isEqualTo("FieldValueDuplicate");
    }

    @Test
    void forbiddenShowsOnlyTheDetail() {
        assertThat(FieldError.forbidden(FieldPath.root("spec"), "not allowed").toString())
                .isEqualTo("spec: Forbidden: not allowed");
    }

    @Test
    void tooLongStatesTheLimitInBytes() {
        FieldError error = FieldError.tooLong(FieldPath.root("metadata").child("annotations"), 262144);

        assertThat(error.toString()).isEqualTo("metadata.annotations: Too long: may not be more than 262144 bytes");
        assertThat(error.reason()).isEqualTo("FieldValueTooLong");
    }

    @Test
    void bodyIsTheMessageWithoutThePath() {
        assertThat(FieldError.duplicate(NAME, "x").body()).isEqualTo("Duplicate value: \"x\"");
    }

    @Test
    void mapKeysArePrintedInBrackets() {
        assertThat(FieldPath.root("data").key("bad key").toString()).isEqualTo("data[bad key]");
    }
}
