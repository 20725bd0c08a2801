package io.coxswain.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, String> WEB_FRONTEND = Map.of("app", "web", "tier", "fe");
    private static final Map<String, String> WEB_BACKEND = Map.of("app", "web", "tier", "be");
    private static final Map<String, String> DATABASE = Map.of("app", "db");
    private static final Map<String, String> UNLABELLED = Map.of();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Nested
    class Matching {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void emptySelectorMatchesEverything(String text) {
            LabelSelector selector = LabelSelector.parse(text);

            assertThat(selector.isEmpty()).isTrue();
            assertThat(selector.matches(UNLABELLED)).isTrue();
            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
        }

        @Test
        void nullSelectorMatchesEverything() {
            assertThat(LabelSelector.parse(null).matches(DATABASE)).isTrue();
        }

        @Test
        void equalityMatchesOnlyObjectsWithThatValue() {
            LabelSelector selector = LabelSelector.parse("app=web");

            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(DATABASE)).isFalse();
            assertThat(selector.matches(UNLABELLED)).isFalse();
        }

        @Test
        void doubleEqualsMeansEquality() {
            LabelSelector selector = LabelSelector.parse("app==web");

            assertThat(selector.matches(WEB_BACKEND)).isTrue();
            assertThat(selector.matches(DATABASE)).isFalse();
        }

        @Test
        void inequalityMatchesOtherValuesAndObjectsWithoutTheKey() {
            LabelSelector selector = LabelSelector.parse("app!=web");

            assertThat(selector.matches(DATABASE)).isTrue();
            assertThat(selector.matches(UNLABELLED)).isTrue();
            assertThat(selector.matches(WEB_FRONTEND)).isFalse();
        }

        @Test
        void setBasedInMatchesAnyListedValueButNotAMissingKey() {
            LabelSelector selector = LabelSelector.parse("tier in (fe,be)");

            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(WEB_BACKEND)).isTrue();
            assertThat(selector.matches(DATABASE)).isFalse();
        }

        @Test
        void setBasedNotInMatchesObjectsWithoutTheKey() {
            LabelSelector selector = LabelSelector.parse("tier notin (fe)");

            assertThat(selector.matches(DATABASE)).isTrue();
            assertThat(selector.matches(WEB_BACKEND)).isTrue();
            assertThat(selector.matches(WEB_FRONTEND)).isFalse();
        }

        @Test
        void bareKeyRequiresTheLabelWithAnyValue() {
            LabelSelector selector = LabelSelector.parse("tier");

            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(DATABASE)).isFalse();
        }

        @Test
        void negatedKeyRequiresTheLabelToBeAbsent() {
            LabelSelector selector = LabelSelector.parse("!tier");

            assertThat(selector.matches(DATABASE)).isTrue();
            assertThat(selector.matches(WEB_FRONTEND)).isFalse();
        }

        @Test
        void commaJoinedRequirementsMustAllHold() {
            LabelSelector selector = LabelSelector.parse("app=web,tier!=be,!canary");

            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(WEB_BACKEND)).isFalse();
            assertThat(selector.matches(Map.of("app", "web", "canary", "true"))).isFalse();
        }

        @Test
        void whitespaceAroundTokensIsIgnored() {
            LabelSelector selector = LabelSelector.parse("  app = web ,\ttier in ( fe , be ) , ! canary ");

            assertThat(selector.toString()).isEqualTo("app=web,!canary,tier in (be,fe)");
            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
        }

        @Test
        void prefixedKeysAreAccepted() {
            LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name=web");

            assertThat(selector.matches(Map.of("app.kubernetes.io/name", "web"))).isTrue();
            assertThat(selector.matches(Map.of("name", "web"))).isFalse();
        }

        @Test
        void keywordsAreOrdinaryWordsInKeyAndValuePositions() {
            LabelSelector selector = LabelSelector.parse("in in (in,notin)");

            assertThat(selector.matches(Map.of("in", "notin"))).isTrue();
            assertThat(selector.matches(Map.of("in", "out"))).isFalse();
        }

        @Test
        void equalsWithoutValueSelectsTheEmptyValue() {
            LabelSelector selector = LabelSelector.parse("app=");

            assertThat(selector.matches(Map.of("app", ""))).isTrue();
            assertThat(selector.matches(UNLABELLED)).isFalse();
            assertThat(selector.toString()).isEqualTo("app=");
        }

        @Test
        void emptyValueSetHoldsTheEmptyValue() {
            LabelSelector selector = LabelSelector.parse("app in ()");

            assertThat(selector.requirements().get(0).values()).containsExactly("");
            assertThat(selector.matches(Map.of("app", ""))).isTrue();
        }

        @Test
        void greaterThanAndLessThanCompareIntegerValues() {
            LabelSelector bigger = LabelSelector.parse("generation>3");
            LabelSelector smaller = LabelSelector.parse("generation<3");

            assertThat(bigger.matches(Map.of("generation", "5"))).isTrue();
            assertThat(bigger.matches(Map.of("generation", "3"))).isFalse();
            assertThat(bigger.matches(Map.of("generation", "five"))).isFalse();
            assertThat(bigger.matches(UNLABELLED)).isFalse();
            assertThat(smaller.matches(Map.of("generation", "2"))).isTrue();
        }

        @Test
        void matchesTheLabelsOfAnObject() throws Exception {
            JsonNode pod = json("{'metadata':{'name':'p','labels':{'app':'web'}}}");

            assertThat(LabelSelector.parse("app=web").matchesLabelsOf(pod)).isTrue();
            assertThat(LabelSelector.parse("app=db").matchesLabelsOf(pod)).isFalse();
            assertThat(LabelSelector.parse("!app").matchesLabelsOf(json("{'metadata':{'name':'p'}}"))).isTrue();
        }

        @Test
        void nullLabelMapCountsAsNoLabels() {
            assertThat(LabelSelector.parse("!app").matches(null)).isTrue();
        }
    }

    @Nested
    class CanonicalForm {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "tier in (fe,be), app=web   | app=web,tier in (be,fe)",
            "x notin (b,a,b)            | x notin (a,b)",
            "app==web                   | app==web",
            "app != web                 | app!=web",
            "canary                     | canary",
            "! canary                   | !canary",
            "generation > 3             | generation>3",
            "b=2,a=1,c                  | a=1,b=2,c",
        })
        void printsRequirementsSortedByKeyWithSortedValues(String input, String canonical) {
            assertThat(LabelSelector.parse(input).toString()).isEqualTo(canonical);
        }

        @Test
        void canonicalFormParsesBackToTheSameSelector() {
            LabelSelector selector = LabelSelector.parse("tier in (fe,be),app=web,!canary,release notin (1.0)");

            assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
        }

        @Test
        void everythingAndNothingPrintAsEmpty() {
            assertThat(LabelSelector.everything().toString()).isEmpty();
            assertThat(LabelSelector.nothing().toString()).isEmpty();
        }
    }

    @Nested
    class MalformedInput {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "app=web,            | found '', expected: identifier after ','",
            "=web                | found '=', expected: !, identifier, or 'end of string'",
            "app=web x           | found 'x', expected: ',' or 'end of string'",
            "!app=web            | found '=', expected: ',' or 'end of string'",
            "app web             | unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt",
            "app in web          | unable to parse requirement: found 'web' expected: '('",
            "app in (a           | unable to parse requirement: found '', expected: ',' or ')'",
            "app in (a b)        | unable to parse requirement: found 'b', expected: ',' or ')'",
            "app in (=)          | unable to parse requirement: found '=', expected: ',', ')' or identifier",
            "app=(               | unable to parse requirement: found '(', expected: identifier",
        })
        void reportsWhatWasFoundAndWhatWasExpected(String input, String message) {
            assertThatThrownBy(() -> LabelSelector.parse(input))
                    .isInstanceOf(SelectorParseException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void rejectsKeysThatAreNotQualifiedNames() {
            assertThatThrownBy(() -> LabelSelector.parse("bad_key_=x"))
                    .isInstanceOf(SelectorParseException.class)
                    .hasMessageStartingWith("unable to parse requirement: <nil>: Invalid value: \"bad_key_\": "
                            + "name part must consist of alphanumeric characters");
        }

        @Test
        void rejectsKeysWithAnInvalidPrefix() {
            assertThatThrownBy(() -> LabelSelector.parse("Example.COM/app=x"))
                    .hasMessageContaining("prefix part a lowercase RFC 1123 subdomain");
        }

        @Test
        void rejectsValuesThatAreNotLabelValues() {
            assertThatThrownBy(() -> LabelSelector.parse("app=-web"))
                    .isInstanceOf(SelectorParseException.class)
                    .hasMessageStartingWith("unable to parse requirement: values[0][app]: Invalid value: \"-web\": "
                            + "a valid label must be an empty string or consist of alphanumeric characters");
        }

        @Test
        void rejectsNonIntegerBoundsForGreaterThan() {
            assertThatThrownBy(() -> LabelSelector.parse("generation>abc"))
                    .hasMessage("unable to parse requirement: values[0]: Invalid value: \"abc\": "
                            + "for 'Gt', 'Lt' operators, the value must be an integer");
        }

        @Test
        void rejectsSymbolsThatFormNoOperator() {
            assertThatThrownBy(() -> LabelSelector.parse("app<>x"))
                    .isInstanceOf(SelectorParseException.class);
        }
    }

    @Nested
    class FromLabelSelectorObject {

        @Test
        void combinesMatchLabelsAndMatchExpressions() throws Exception {
            LabelSelector selector = LabelSelector.fromJson(json("{'matchLabels':{'app':'web'},"
                    + "'matchExpressions':[{'key':'tier','operator':'In','values':['fe','be']}]}"));

            assertThat(selector.toString()).isEqualTo("app=web,tier in (be,fe)");
            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(Map.of("app", "web", "tier", "cache"))).isFalse();
        }

        @Test
        void supportsAllFourOperators() throws Exception {
            LabelSelector selector = LabelSelector.fromJson(json("{'matchExpressions':["
                    + "{'key':'tier','operator':'NotIn','values':['cache']},"
                    + "{'key':'app','operator':'Exists'},"
                    + "{'key':'canary','operator':'DoesNotExist'}]}"));

            assertThat(selector.toString()).isEqualTo("app,!canary,tier notin (cache)");
            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(Map.of("app", "web", "canary", "yes"))).isFalse();
        }

        @Test
        void missingSelectorMatchesNothing() throws Exception {
            assertThat(LabelSelector.fromJson(null).matches(UNLABELLED)).isFalse();
            assertThat(LabelSelector.fromJson(json("{'spec':{}}").path("selector")).matches(WEB_FRONTEND)).isFalse();
            assertThat(LabelSelector.fromJson(json("null")).isEmpty()).isFalse();
        }

        @Test
        void emptySelectorObjectMatchesEverything() throws Exception {
            LabelSelector selector = LabelSelector.fromJson(json("{}"));

            assertThat(selector.isEmpty()).isTrue();
            assertThat(selector.matches(UNLABELLED)).isTrue();
        }

        @Test
        void rejectsUnknownOperators() throws Exception {
            assertThatThrownBy(() -> LabelSelector.fromJson(json("{'matchExpressions':[{'key':'a','operator':'Gt','values':['1']}]}")))
                    .isInstanceOf(SelectorParseException.class)
                    .hasMessage("\"Gt\" is not a valid label selector operator");
        }

        @Test
        void rejectsSetOperatorsWithoutValues() throws Exception {
            assertThatThrownBy(() -> LabelSelector.fromJson(json("{'matchExpressions':[{'key':'a','operator':'In'}]}")))
                    .isInstanceOf(SelectorParseException.class)
                    .hasMessage("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
        }

        @Test
        void rejectsExistsWithValues() throws Exception {
            assertThatThrownBy(() -> LabelSelector.fromJson(json("{'matchExpressions':[{'key':'a','operator':'Exists','values':['x']}]}")))
                    .hasMessageContaining("values set must be empty for exists and does not exist");
        }

        @Test
        void fromMatchLabelsRequiresEveryLabel() {
            LabelSelector selector = LabelSelector.fromMatchLabels(Map.of("tier", "fe", "app", "web"));

            assertThat(selector.toString()).isEqualTo("app=web,tier=fe");
            assertThat(selector.matches(WEB_FRONTEND)).isTrue();
            assertThat(selector.matches(WEB_BACKEND)).isFalse();
            assertThat(LabelSelector.fromMatchLabels(Map.of()).isEmpty()).isTrue();
        }
    }
}
