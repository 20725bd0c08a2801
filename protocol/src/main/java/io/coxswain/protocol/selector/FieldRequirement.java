package io.coxswain.protocol.selector;

/** One term of a field selector, e.g. {@code status.phase!=Running}. */
public record FieldRequirement(String field, Operator operator, String value) {

    public enum Operator { EQUALS, NOT_EQUALS }

    public boolean matches(String actualValue) {
        boolean equal = value.equals(actualValue == null ? "" : actualValue);
        return operator == Operator.EQUALS ? equal : !equal;
    }

    /** Kubernetes' form: {@code ==} is printed as {@code =}, and {@code \ , =} in the value are escaped. */
    @Override
    public String toString() {
        return field + (operator == Operator.EQUALS ? "=" : "!=") + escape(value);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
