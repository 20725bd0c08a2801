package io.coxswain.controlplane.api;

import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Content negotiation: kubectl asks for a Table first ({@code application/json;as=Table;v=v1;g=meta.k8s.io,
 * application/json}); protobuf-first clients get JSON; YAML on request.
 */
final class Negotiation {
    private Negotiation() {}

    static String accept(HttpRequest request) {
        return request.getHeader("Accept").map(h -> h.value()).orElse("application/json");
    }

    static boolean wantsTable(HttpRequest request) {
        String accept = accept(request);
        return accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    static boolean wantsYaml(HttpRequest request) {
        String accept = accept(request).trim();
        return accept.startsWith("application/yaml");
    }
}
