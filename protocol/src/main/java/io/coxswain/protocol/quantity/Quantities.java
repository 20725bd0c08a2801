package io.coxswain.protocol.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 0.5}, {@code 64Mi}, {@code 1e3}, …) read as
 * numbers. Like apimachinery's {@code Quantity.MilliValue()} and {@code Value()}, fractions are
 * rounded up, so a request never shrinks by being read.
 */
public final class Quantities {

    private static final Pattern NUMBER_AND_SUFFIX =
            Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)");
    private static final Pattern DECIMAL_EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {}

    /** The quantity in thousandths, as CPU is counted: {@code "0.5"} and {@code "500m"} are 500. */
    public static long milliValue(String quantity) {
        return roundUp(parse(quantity).multiply(THOUSAND));
    }

    /** The quantity in whole units, as memory (bytes) and pod counts are: {@code "64Mi"} is 67108864. */
    public static long value(String quantity) {
        return roundUp(parse(quantity));
    }

    /**
     * The exact value of a quantity.
     *
     * @throws MalformedQuantityException with apimachinery's wording when the text is not a quantity
     */
    public static BigDecimal parse(String quantity) {
        String text = quantity == null ? "" : quantity.trim();
        Matcher matcher = NUMBER_AND_SUFFIX.matcher(text);
        if (!matcher.matches()) {
            throw malformed(quantity);
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        return scaleBySuffix(number, matcher.group(2), quantity);
    }

    private static BigDecimal scaleBySuffix(BigDecimal number, String suffix, String quantity) {
        switch (suffix) {
            case "": return number;
            case "n": return number.scaleByPowerOfTen(-9);
            case "u": return number.scaleByPowerOfTen(-6);
            case "m": return number.scaleByPowerOfTen(-3);
            case "k": return number.scaleByPowerOfTen(3);
            case "M": return number.scaleByPowerOfTen(6);
            case "G": return number.scaleByPowerOfTen(9);
            case "T": return number.scaleByPowerOfTen(12);
            case "P": return number.scaleByPowerOfTen(15);
            case "E": return number.scaleByPowerOfTen(18);
            case "Ki": return number.multiply(BigDecimal.valueOf(2).pow(10));
            case "Mi": return number.multiply(BigDecimal.valueOf(2).pow(20));
            case "Gi": return number.multiply(BigDecimal.valueOf(2).pow(30));
            case "Ti": return number.multiply(BigDecimal.valueOf(2).pow(40));
            case "Pi": return number.multiply(BigDecimal.valueOf(2).pow(50));
            case "Ei": return number.multiply(BigDecimal.valueOf(2).pow(60));
            default:
                Matcher exponent = DECIMAL_EXPONENT.matcher(suffix);
                if (!exponent.matches()) {
                    throw malformed(quantity);
                }
                try {
                    return number.scaleByPowerOfTen(Integer.parseInt(exponent.group(1)));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw malformed(quantity);
                }
        }
    }

    /** Saturates instead of wrapping: a huge capacity must not turn negative and reject every pod. */
    private static long roundUp(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.CEILING);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return whole.longValueExact();
    }

    private static MalformedQuantityException malformed(String quantity) {
        return new MalformedQuantityException("quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', found: \"" + quantity + "\"");
    }
}
