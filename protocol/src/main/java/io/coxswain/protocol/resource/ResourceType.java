package io.coxswain.protocol.resource;

import java.util.List;

/**
 * One kind of API object as the API serves it: where it lives ({@code group/version/plural}),
 * what discovery says about it, and which subresources it has.
 *
 * @param group        API group, "" for the core group
 * @param version      served version
 * @param kind         kind of one object ("Pod")
 * @param plural       resource name in paths ("pods")
 * @param singular     singular name ("pod")
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl abbreviations ("po")
 * @param categories   kubectl categories ("all")
 * @param subresources subresource names ("status", "scale", "log")
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<String> subresources) {

    /** {@code v1} for the core group, {@code apps/v1} otherwise: the objects' apiVersion. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** The name of the sharded entity type that holds objects of this kind. */
    public String entityTypeName() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    /** "deployments.apps" or "pods", as Kubernetes names a resource in messages. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
