package io.coxswain.protocol.validation;

import java.nio.charset.StandardCharsets;

/** Kubernetes' reusable message fragments ({@code k8s.io/apimachinery/pkg/util/validation}). */
final class ValidationMessages {

    private ValidationMessages() {
    }

    static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    static String emptyError() {
        return "must be non-empty";
    }

    static String inclusiveRangeError(long low, long high) {
        return "must be between " + low + " and " + high + ", inclusive";
    }

    /**
     * Kubernetes' {@code RegexError}. The odd {@code ",  or "} with two spaces is what
     * Kubernetes prints, kept so messages match byte for byte.
     */
    static String regexError(String message, String regex, String... examples) {
        if (examples.length == 0) {
            return message + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder text = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(regex).append("')").toString();
    }

    /** Kubernetes measures lengths with Go's {@code len}, which counts UTF-8 bytes. */
    static int byteLength(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
