package io.coxswain.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.validation.NameValidation.NameFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameValidationTest {

    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    @ParameterizedTest
    @ValueSource(strings = {"web", "web-1", "my.app.example.com", "0", "a-b.c-d"})
    void acceptsValidSubdomains(String name) {
        assertThat(NameValidation.isDns1123Subdomain(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad_Name", "-web", "web-", "web..x", ".web", "", "UPPER"})
    void rejectsInvalidSubdomainsWithKubernetesMessage(String name) {
        assertThat(NameValidation.isDns1123Subdomain(name)).containsExactly(SUBDOMAIN_MESSAGE);
    }

    @Test
    void subdomainMayBe253CharactersButNotMore() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

        assertThat(longest).hasSize(253);
        assertThat(NameValidation.isDns1123Subdomain(longest)).isEmpty();
        assertThat(NameValidation.isDns1123Subdomain(longest + "d")).containsExactly("must be no more than 253 characters");
    }

    @Test
    void labelMayBe63CharactersButNotMore() {
        assertThat(NameValidation.isDns1123Label("a".repeat(63))).isEmpty();
        assertThat(NameValidation.isDns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void labelWithDotsIsToldAboutTheDots() {
        assertThat(NameValidation.isDns1123Label("my.namespace")).containsExactly("must not contain dots");
    }

    @Test
    void invalidLabelGetsKubernetesRegexMessage() {
        assertThat(NameValidation.isDns1123Label("My_Namespace")).containsExactly(LABEL_MESSAGE);
    }

    @Test
    void dns1035LabelMustStartWithALetter() {
        assertThat(NameValidation.isDns1035Label("web")).isEmpty();
        assertThat(NameValidation.isDns1035Label("1web")).containsExactly("a DNS-1035 label must consist of lower "
                + "case alphanumeric characters or '-', start with an alphabetic character, and end with an "
                + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                + "'[a-z]([-a-z0-9]*[a-z0-9])?')");
    }

    @Test
    void pathSegmentNamesMayNotBeDotsOrContainSlashesOrPercent() {
        assertThat(NameValidation.isValidPathSegmentName("system:controller:Weird Name")).isEmpty();
        assertThat(NameValidation.isValidPathSegmentName("..")).containsExactly("may not be '..'");
        assertThat(NameValidation.isValidPathSegmentName("a/b%c")).containsExactly("may not contain '/'", "may not contain '%'");
    }

    @Test
    void nameFormatsDelegateToTheirCheck() {
        assertThat(NameFormat.DNS1123_LABEL.check("a.b")).containsExactly("must not contain dots");
        assertThat(NameFormat.DNS1123_SUBDOMAIN.check("a.b")).isEmpty();
        assertThat(NameFormat.DNS1035_LABEL.check("9a")).hasSize(1);
        assertThat(NameFormat.PATH_SEGMENT.check("Any Thing")).isEmpty();
    }
}
