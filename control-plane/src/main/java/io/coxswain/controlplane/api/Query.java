package io.coxswain.controlplane.api;

import io.coxswain.protocol.status.ApiStatus;

/** The query parameters of a request, read the way Kubernetes reads them. */
final class Query {
    private final org.apache.pekko.http.javadsl.model.Query query;

    Query(org.apache.pekko.http.javadsl.model.Query query) {
        this.query = query;
    }

    /** The parameter, or "" when absent. */
    String get(String name) {
        return query.get(name).orElse("");
    }

    /** Every value of a repeated parameter ({@code command=sh&command=-c}), in order. */
    java.util.List<String> all(String name) {
        return query.toMultiMap().getOrDefault(name, java.util.List.of());
    }

    boolean flag(String name) {
        String value = get(name);
        return value.equals("true") || value.equals("1");
    }

    int integer(String name, int fallback) {
        String value = get(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiStatus.badRequest("invalid value for " + name + ": " + value).exception();
        }
    }

    /** {@code fieldValidation}: Strict, Warn or Ignore ("" when absent: the server's default, Warn). */
    String fieldValidation() {
        String value = get("fieldValidation");
        if (!value.isEmpty() && !value.equals("Strict") && !value.equals("Warn") && !value.equals("Ignore")) {
            throw ApiStatus.badRequest("fieldValidation must be one of Strict, Warn or Ignore, got " + value)
                    .exception();
        }
        return value;
    }

    /** {@code dryRun=All}: validate and answer, store nothing. */
    boolean dryRun() {
        String value = get("dryRun");
        if (value.isEmpty()) {
            return false;
        }
        if (!value.equals("All")) {
            throw ApiStatus.badRequest("Invalid dry run value: " + value + " (supported: All)").exception();
        }
        return true;
    }
}
