package io.coxswain.controlplane.controllers.namespace;

import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.controllers.ControllerAction;
import io.coxswain.controlplane.controllers.ControllerKind;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.resource.ResourceTypes;
import io.coxswain.protocol.selector.LabelSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The controller of Namespaces: idle while its namespace is active (no reads, no wake-ups), and
 * while it is terminating woken by every change in it, until it is empty and let go.
 */
public final class NamespaceKind implements ControllerKind {
    /** Every kind an object in a namespace can be. */
    private static final List<ResourceType> CONTENT_TYPES = ResourceTypes.ALL_TYPES.stream()
            .filter(ResourceType::namespaced).toList();

    @Override
    public ResourceType type() {
        return ResourceTypes.NAMESPACE;
    }

    @Override
    public Set<ResourceType> dependantTypes() {
        return Set.copyOf(CONTENT_TYPES);
    }

    @Override
    public LabelSelector adoptionSelector(CachedObject object) {
        return NamespacePlanner.terminating(object.object()) ? LabelSelector.everything() : LabelSelector.nothing();
    }

    @Override
    public String dependantsNamespace(CachedObject object) {
        return object.name();
    }

    @Override
    public CompletionStage<List<ControllerAction>> plan(CacheReader reader, CachedObject object, RoundMemory memory,
                                                        Instant now) {
        if (!NamespacePlanner.terminating(object.object())) {
            return CompletableFuture.completedFuture(List.of());
        }
        String namespace = object.name();
        List<CompletableFuture<List<NamespaceContent>>> byType = new ArrayList<>();
        for (ResourceType type : CONTENT_TYPES) {
            byType.add(reader.list(type, namespace).thenApply(objects -> objects.stream()
                    .map(o -> NamespaceContent.of(type, o.object())).toList()).toCompletableFuture());
        }
        return CompletableFuture.allOf(byType.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<NamespaceContent> contents = byType.stream().flatMap(f -> f.join().stream())
                    .collect(Collectors.toList());
            return NamespacePlanner.plan(object.object(), contents, memory.lastDeleteFailure(), now);
        });
    }
}
