package io.coxswain.protocol.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} cpu is {1} millicores")
    @CsvSource({
            "100m, 100",
            "0.5, 500",
            "2, 2000",
            "1.5, 1500",
            ".25, 250",
            "1e3, 1000000",
            "1k, 1000000",
            "250000u, 250",
            "0, 0"})
    void readsCpuInMillicores(String quantity, long millicores) {
        assertThat(Quantities.milliValue(quantity)).isEqualTo(millicores);
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
            "64Mi, 67108864",
            "1Gi, 1073741824",
            "1.5Gi, 1610612736",
            "500M, 500000000",
            "128974848, 128974848",
            "129e6, 129000000",
            "123Ki, 125952",
            "1k, 1000",
            "1e3, 1000",
            "2Ti, 2199023255552"})
    void readsMemoryInBytes(String quantity, long bytes) {
        assertThat(Quantities.value(quantity)).isEqualTo(bytes);
    }

    @Test
    void roundsFractionsUpAsKubernetesDoes() {
        assertThat(Quantities.milliValue("1n")).isEqualTo(1);
        assertThat(Quantities.value("100m")).isEqualTo(1);
        assertThat(Quantities.value("0.5Ki")).isEqualTo(512);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(Quantities.milliValue("100E")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "Mi", "1.2.3", "1 Gi", "1mi", "1e", "one", "1KiB", "--1"})
    void refusesTextThatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantities.parse(text))
                .isInstanceOf(MalformedQuantityException.class)
                .hasMessageContaining("quantities must match the regular expression");
    }
}
