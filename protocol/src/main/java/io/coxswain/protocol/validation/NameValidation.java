package io.coxswain.protocol.validation;

import static io.coxswain.protocol.validation.ValidationMessages.byteLength;
import static io.coxswain.protocol.validation.ValidationMessages.maxLenError;
import static io.coxswain.protocol.validation.ValidationMessages.regexError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Kubernetes' name syntaxes with its exact messages. Each check returns the list of
 * problems (empty when the name is fine), so callers can wrap them in a {@link FieldError}
 * at the right path.
 */
public final class NameValidation {

    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;

    public static final String DNS1123_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS1123_SUBDOMAIN_FORMAT =
            DNS1123_LABEL_FORMAT + "(\\." + DNS1123_LABEL_FORMAT + ")*";
    public static final String DNS1035_LABEL_FORMAT = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private static final String DNS1123_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower "
            + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FORMAT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FORMAT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FORMAT);

    private static final List<String> PATH_SEGMENT_FORBIDDEN_NAMES = List.of(".", "..");
    private static final List<String> PATH_SEGMENT_FORBIDDEN_CONTENT = List.of("/", "%");

    /** Which syntax an object's {@code metadata.name} must follow; it differs per kind. */
    public enum NameFormat {
        DNS1123_SUBDOMAIN(NameValidation::isDns1123Subdomain),
        DNS1123_LABEL(NameValidation::isDns1123Label),
        DNS1035_LABEL(NameValidation::isDns1035Label),
        PATH_SEGMENT(NameValidation::isValidPathSegmentName);

        private final Function<String, List<String>> check;

        NameFormat(Function<String, List<String>> check) {
            this.check = check;
        }

        public List<String> check(String name) {
            return check.apply(name);
        }
    }

    private NameValidation() {
    }

    public static List<String> isDns1123Subdomain(String value) {
        List<String> problems = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            problems.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            problems.add(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN_FORMAT, "example.com"));
        }
        return problems;
    }

    public static List<String> isDns1123Label(String value) {
        List<String> problems = new ArrayList<>();
        if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
            problems.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            // A valid subdomain that is not a valid label can only be failing because of its dots.
            problems.add(DNS1123_SUBDOMAIN.matcher(value).matches()
                    ? "must not contain dots"
                    : regexError(DNS1123_LABEL_MESSAGE, DNS1123_LABEL_FORMAT, "my-name", "123-abc"));
        }
        return problems;
    }

    public static List<String> isDns1035Label(String value) {
        List<String> problems = new ArrayList<>();
        if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
            problems.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            problems.add(regexError(DNS1035_LABEL_MESSAGE, DNS1035_LABEL_FORMAT, "my-name", "abc-123"));
        }
        return problems;
    }

    /** Names that only have to be usable as one URL path segment (RBAC objects, scale targets). */
    public static List<String> isValidPathSegmentName(String value) {
        for (String forbidden : PATH_SEGMENT_FORBIDDEN_NAMES) {
            if (value.equals(forbidden)) {
                return List.of("may not be '" + forbidden + "'");
            }
        }
        List<String> problems = new ArrayList<>();
        for (String forbidden : PATH_SEGMENT_FORBIDDEN_CONTENT) {
            if (value.contains(forbidden)) {
                problems.add("may not contain '" + forbidden + "'");
            }
        }
        return problems;
    }
}
