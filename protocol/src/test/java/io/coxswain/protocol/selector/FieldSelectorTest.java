package io.coxswain.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode RUNNING_POD = json("{'kind':'Pod','metadata':{'name':'web-1','namespace':'default'},"
            + "'spec':{'nodeName':'node-a','restartPolicy':'Always'},'status':{'phase':'Running'}}");
    private static final JsonNode PENDING_POD = json("{'kind':'Pod','metadata':{'name':'web-2','namespace':'default'},"
            + "'spec':{'restartPolicy':'Always'},'status':{'phase':'Pending'}}");

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(FieldSelector.parse("").matches(RUNNING_POD)).isTrue();
        assertThat(FieldSelector.parse(null).isEmpty()).isTrue();
        assertThat(FieldSelector.everything().matches(PENDING_POD)).isTrue();
    }

    @Test
    void equalityMatchesTheFieldAtTheDottedPath() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web-1");

        assertThat(selector.matches(RUNNING_POD)).isTrue();
        assertThat(selector.matches(PENDING_POD)).isFalse();
    }

    @Test
    void doubleEqualsMeansEquality() {
        assertThat(FieldSelector.parse("status.phase==Pending").matches(PENDING_POD)).isTrue();
    }

    @Test
    void inequalityExcludesTheValue() {
        FieldSelector selector = FieldSelector.parse("status.phase!=Running");

        assertThat(selector.matches(PENDING_POD)).isTrue();
        assertThat(selector.matches(RUNNING_POD)).isFalse();
    }

    @Test
    void missingFieldEqualsTheEmptyString() {
        assertThat(FieldSelector.parse("spec.nodeName=").matches(PENDING_POD)).isTrue();
        assertThat(FieldSelector.parse("spec.nodeName=").matches(RUNNING_POD)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName!=").matches(RUNNING_POD)).isTrue();
    }

    @Test
    void commaJoinedTermsMustAllHold() {
        JsonNode event = json("{'kind':'Event','metadata':{'name':'e1','namespace':'default'},"
                + "'involvedObject':{'kind':'Pod','namespace':'default','name':'web-1','uid':'u-1'}}");
        FieldSelector describe = FieldSelector.parse(
                "involvedObject.namespace=default,involvedObject.uid=u-1,involvedObject.name=web-1");

        assertThat(describe.matches(event)).isTrue();
        assertThat(FieldSelector.parse("involvedObject.name=web-1,involvedObject.uid=u-2").matches(event)).isFalse();
    }

    @Test
    void numbersAndBooleansCompareAsTheirText() {
        JsonNode replicaSet = json("{'status':{'replicas':3},'spec':{'paused':true}}");

        assertThat(FieldSelector.parse("status.replicas=3").matches(replicaSet)).isTrue();
        assertThat(FieldSelector.parse("spec.paused=true").matches(replicaSet)).isTrue();
    }

    @Test
    void escapedCommasAndEqualsSignsAreValueCharacters() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c\\\\d");

        assertThat(selector.requirements()).containsExactly(
                new FieldRequirement("metadata.name", FieldRequirement.Operator.EQUALS, "a,b=c\\d"));
        assertThat(selector.toString()).isEqualTo("metadata.name=a\\,b\\=c\\\\d");
    }

    @Test
    void canonicalFormSortsTermsAndPrintsDoubleEqualsAsEquals() {
        FieldSelector selector = FieldSelector.parse("status.phase!=Running,metadata.name==web-1");

        assertThat(selector.toString()).isEqualTo("metadata.name=web-1,status.phase!=Running");
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
    }

    @Test
    void reportsTheFieldNamesItUses() {
        FieldSelector selector = FieldSelector.parse("status.phase=Running,metadata.name=a,metadata.name!=b");

        assertThat(selector.fieldNames()).containsExactly("metadata.name", "status.phase");
    }

    @Test
    void exposesTheValueAFieldIsPinnedTo() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web-1,status.phase!=Failed");

        assertThat(selector.exactValue("metadata.name")).contains("web-1");
        assertThat(selector.exactValue("status.phase")).isEmpty();
    }

    @Test
    void emptyTermsAreSkipped() {
        assertThat(FieldSelector.parse("metadata.name=a,,").toString()).isEqualTo("metadata.name=a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name        | invalid selector: 'metadata.name'; can't understand 'metadata.name'",
        "a=b,c                | invalid selector: 'a=b,c'; can't understand 'c'",
        "a=b=c                | invalid field selector: unescaped character in value: =",
        "a=b\\x               | invalid field selector: invalid escape sequence: \\x",
        "a=b\\                | invalid field selector: invalid escape sequence: \\",
    })
    void rejectsMalformedTermsWithKubernetesMessages(String input, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(input))
                .isInstanceOf(SelectorParseException.class)
                .hasMessage(message);
    }
}
