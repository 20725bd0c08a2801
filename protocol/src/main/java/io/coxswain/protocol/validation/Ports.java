package io.coxswain.protocol.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Port numbers and IANA service names (named ports), with Kubernetes' messages. */
final class Ports {

    static final long MIN_PORT = 1;
    static final long MAX_PORT = 65535;
    /** Sorted, as Kubernetes lists supported values. */
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private static final int PORT_NAME_MAX_LENGTH = 15;
    private static final Pattern PORT_NAME_CHARACTERS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private Ports() {
    }

    static List<String> isValidPortNumber(long port) {
        return port >= MIN_PORT && port <= MAX_PORT
                ? List.of()
                : List.of(ValidationMessages.inclusiveRangeError(MIN_PORT, MAX_PORT));
    }

    static List<String> isValidPortName(String name) {
        List<String> problems = new ArrayList<>();
        if (name.length() > PORT_NAME_MAX_LENGTH) {
            problems.add(ValidationMessages.maxLenError(PORT_NAME_MAX_LENGTH));
        }
        if (!PORT_NAME_CHARACTERS.matcher(name).matches()) {
            problems.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(name).matches()) {
            problems.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            problems.add("must not contain consecutive hyphens");
        }
        if (!name.isEmpty() && (name.startsWith("-") || name.endsWith("-"))) {
            problems.add("must not begin or end with a hyphen");
        }
        return problems;
    }
}
