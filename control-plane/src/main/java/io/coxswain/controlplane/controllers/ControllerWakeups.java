package io.coxswain.controlplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.controlplane.cache.CachedObject;
import io.coxswain.controlplane.cache.WatchCache;
import io.coxswain.protocol.resource.ResourceType;
import io.coxswain.protocol.selector.LabelSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One per master: hears every change this master's watch cache applies and wakes the controllers
 * running on this master that it concerns — the owner named by a dependant's controller
 * reference, the controllers whose selector matches an orphan (they may adopt it), every
 * controller of a kind that depends on a cluster-scoped kind (a DaemonSet on Nodes). A controller
 * on another master is woken by that master's own cache, which holds the same changes.
 *
 * <p>A woken controller runs a round at once: its cache already holds the change (this actor
 * hears of it only after the cache applied it). When the cache was loaded anew, changes may
 * have gone by unheard, so every controller here is woken.
 */
public final class ControllerWakeups {

    public sealed interface Command {}

    /** A controller of this master, with the orphans it would adopt. Sent again when its selector changes. */
    public record Register(ResourceType type, String entityId, String namespace, LabelSelector adoptionSelector,
                           ActorRef<ControllerEntity.Command> controller) implements Command {}

    public record Unregister(ResourceType type, String entityId, ActorRef<ControllerEntity.Command> controller)
            implements Command {}

    private record Observed(WatchCache.Observation observation) implements Command {}

    private record Registration(String namespace, LabelSelector adoptionSelector,
                                ActorRef<ControllerEntity.Command> controller) {}

    private ControllerWakeups() {}

    public static Behavior<Command> create(ActorRef<WatchCache.Command> cache, List<ControllerKind> kinds) {
        return Behaviors.setup(context -> {
            Map<ResourceType, Map<String, Registration>> registered = new HashMap<>();
            cache.tell(new WatchCache.Observe(context.messageAdapter(WatchCache.Observation.class, Observed::new)));
            return Behaviors.receive(Command.class)
                    .onMessage(Register.class, register -> {
                        registered.computeIfAbsent(register.type(), t -> new HashMap<>()).put(register.entityId(),
                                new Registration(register.namespace(), register.adoptionSelector(),
                                        register.controller()));
                        return Behaviors.same();
                    })
                    .onMessage(Unregister.class, unregister -> {
                        Map<String, Registration> ofKind = registered.get(unregister.type());
                        if (ofKind != null) {
                            ofKind.computeIfPresent(unregister.entityId(), (id, current) ->
                                    current.controller().equals(unregister.controller()) ? null : current);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Observed.class, observed -> {
                        if (observed.observation() instanceof WatchCache.Changed changed) {
                            route(changed, kinds, registered);
                        } else if (observed.observation() instanceof WatchCache.Reloaded reloaded) {
                            ControllerEntity.Wake wake = new ControllerEntity.Wake(reloaded.version());
                            registered.values().forEach(ofKind -> ofKind.values()
                                    .forEach(r -> r.controller().tell(wake)));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void route(WatchCache.Changed changed, List<ControllerKind> kinds,
                              Map<ResourceType, Map<String, Registration>> registered) {
        CachedObject after = changed.after();
        ControllerEntity.Wake wake = new ControllerEntity.Wake(changed.version());
        for (ControllerKind kind : kinds) {
            Map<String, Registration> ofKind = registered.get(kind.type());
            if (ofKind == null || ofKind.isEmpty()) {
                continue;
            }
            ResourceType dependantType = kind.dependantTypes().stream()
                    .filter(t -> t.entityTypeName().equals(after.entityType())).findFirst().orElse(null);
            if (dependantType == null) {
                continue;
            }
            if (!dependantType.namespaced()) {
                ofKind.values().forEach(r -> r.controller().tell(wake));
                continue;
            }
            boolean owned = wakeOwner(after, kind, ofKind, wake);
            if (changed.before() != null) {
                owned |= wakeOwner(changed.before(), kind, ofKind, wake); // released, or its owner changed
            }
            if (!owned) {
                for (Registration registration : ofKind.values()) {
                    if (registration.namespace().equals(after.namespace())
                            && (registration.adoptionSelector().matches(after.labels())
                            || (changed.before() != null
                            && registration.adoptionSelector().matches(changed.before().labels())))) {
                        registration.controller().tell(wake);
                    }
                }
            }
        }
    }

    /** Wakes the controller its controller reference names, when that is of {@code kind} and runs here. */
    private static boolean wakeOwner(CachedObject dependant, ControllerKind kind, Map<String, Registration> ofKind,
                                     ControllerEntity.Wake wake) {
        for (JsonNode reference : dependant.object().path("metadata").path("ownerReferences")) {
            if (!reference.path("controller").asBoolean(false)) {
                continue;
            }
            if (reference.path("kind").asText().equals(kind.type().kind())) {
                Registration owner = ofKind.get(dependant.namespace() + "/" + reference.path("name").asText());
                if (owner != null) {
                    owner.controller().tell(wake);
                }
            }
            return true;
        }
        return false;
    }
}
