package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.junit.jupiter.api.Test;

/** Warnings quote what clients sent: the header stays one well-formed quoted-string whatever it holds. */
class WarningHeaderTest {

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(ObjectRoutes.warningHeader("unknown field \"spec.a\\\\b\""))
                .isEqualTo("299 - \"unknown field \\\"spec.a\\\\\\\\b\\\"\"");
    }

    @Test
    void controlCharactersNeverReachTheHeader() {
        String value = ObjectRoutes.warningHeader("unknown field \"spec.a\r\nX-Injected: yes\"");
        assertThat(value).doesNotContain("\r").doesNotContain("\n");
        assertThat(HttpHeader.parse("Warning", value).value()).startsWith("299 - \"unknown field")
                .contains("X-Injected: yes").doesNotContain("\n");
    }
}
