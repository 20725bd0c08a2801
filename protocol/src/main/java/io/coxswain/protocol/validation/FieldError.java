package io.coxswain.protocol.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure, shaped like Kubernetes' {@code field.Error}.
 *
 * <p>{@code type} is Kubernetes' error type text ({@link #REQUIRED}, {@link #INVALID}, …).
 * {@code detail} is everything Kubernetes prints after the type: for errors that carry the
 * offending value (Invalid, Unsupported, Duplicate) it starts with that value rendered the
 * way Kubernetes renders it, so that {@link #toString()} reproduces Kubernetes' message,
 * e.g. {@code metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain …}.
 * Build instances with the factory methods rather than the constructor.
 */
public record FieldError(String path, String type, String detail) {

    public static final String REQUIRED = "Required value";
    public static final String INVALID = "Invalid value";
    public static final String UNSUPPORTED = "Unsupported value";
    public static final String DUPLICATE = "Duplicate value";
    public static final String FORBIDDEN = "Forbidden";
    public static final String TOO_LONG = "Too long";

    public FieldError {
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(path.value(), REQUIRED, detail);
    }

    public static FieldError invalid(FieldPath path, Object badValue, String detail) {
        return new FieldError(path.value(), INVALID, withValue(badValue, detail));
    }

    public static FieldError unsupported(FieldPath path, Object badValue, List<String> supportedValues) {
        String supported = supportedValues.isEmpty() ? "" : "supported values: " + supportedValues.stream()
                .map(BadValues::quote)
                .collect(Collectors.joining(", "));
        return new FieldError(path.value(), UNSUPPORTED, withValue(badValue, supported));
    }

    public static FieldError duplicate(FieldPath path, Object badValue) {
        return new FieldError(path.value(), DUPLICATE, BadValues.render(badValue));
    }

    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(path.value(), FORBIDDEN, detail);
    }

    public static FieldError tooLong(FieldPath path, long maxBytes) {
        return new FieldError(path.value(), TOO_LONG,
                "may not be more than " + maxBytes + (maxBytes == 1 ? " byte" : " bytes"));
    }

    /** The message without the field path, as Kubernetes puts it in a Status cause. */
    public String body() {
        return detail.isEmpty() ? type : type + ": " + detail;
    }

    /** The Kubernetes {@code StatusCause.reason} for this error type. */
    public String reason() {
        return switch (type) {
            case REQUIRED -> "FieldValueRequired";
            case INVALID -> "FieldValueInvalid";
            case UNSUPPORTED -> "FieldValueNotSupported";
            case DUPLICATE -> "FieldValueDuplicate";
            case FORBIDDEN -> "FieldValueForbidden";
            case TOO_LONG -> "FieldValueTooLong";
            default -> "FieldValueInvalid";
        };
    }

    @Override
    public String toString() {
        return path + ": " + body();
    }

    private static String withValue(Object badValue, String detail) {
        String rendered = BadValues.render(badValue);
        return detail == null || detail.isEmpty() ? rendered : rendered + ": " + detail;
    }
}
