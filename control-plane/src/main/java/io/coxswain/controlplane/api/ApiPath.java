package io.coxswain.controlplane.api;

import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.status.ApiStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path of the Kubernetes REST API, taken apart:
 * {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]} and the same under
 * {@code /apis/GROUP/VERSION}.
 *
 * @param group       API group ("" for core)
 * @param version     API version
 * @param type        the resource, or null for the group-version's discovery document
 * @param namespace   the namespace of the request, "" for cluster-wide requests
 * @param name        the object's name, "" for collections
 * @param subresource "status", "scale", "log", … or ""
 */
public record ApiPath(String group, String version, ResourceType type, String namespace, String name,
                      String subresource) {

    public boolean isCollection() {
        return name.isEmpty();
    }

    public boolean isDiscovery() {
        return type == null;
    }

    /** Parses a path under /api or /apis; empty when the path is not one of the API's. */
    public static Optional<ApiPath> parse(String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        String version;
        List<String> rest;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            rest = segments.subList(2, segments.size());
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            rest = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.of(new ApiPath(group, version, null, "", "", ""));
        }
        // namespaces/NS/PLURAL/... addresses objects in a namespace, unless PLURAL is a
        // subresource of the Namespace itself (namespaces/NS/status, namespaces/NS/finalize).
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !rest.get(2).equals("status") && !rest.get(2).equals("finalize")) {
            ResourceType type = lookup(group, version, rest.get(2));
            if (!type.namespaced()) {
                throw ApiStatus.notFound("the server could not find the requested resource").exception();
            }
            return Optional.of(new ApiPath(group, version, type, rest.get(1), at(rest, 3), at(rest, 4)));
        }
        ResourceType type = lookup(group, version, rest.get(0));
        if (rest.size() > 3) {
            throw ApiStatus.notFound("the server could not find the requested resource").exception();
        }
        return Optional.of(new ApiPath(group, version, type, "", at(rest, 1), at(rest, 2)));
    }

    private static ResourceType lookup(String group, String version, String plural) {
        return ResourceTypes.find(group, version, plural).orElseThrow(() ->
                ApiStatus.notFound("the server could not find the requested resource").exception());
    }

    private static String at(List<String> segments, int index) {
        return index < segments.size() ? segments.get(index) : "";
    }
}
