package io.coxswain.controlplane;

import io.coxswain.protocol.entity.ObjectCommand;

import io.coxswain.controlplane.cluster.ClusterGateway;
import io.coxswain.controlplane.entity.ApiObjectEntity;
import io.coxswain.protocol.entity.WriteRequest;
import io.coxswain.protocol.resource.ResourceTypes;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * {@code default}, {@code kube-system} and {@code kube-public} exist in every cluster. Each master
 * creates them when it starts; AlreadyExists from the others is the expected answer.
 */
final class BuiltInNamespaces {
    static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private BuiltInNamespaces() {}

    static void ensure(ActorSystem<?> system, ClusterGateway gateway) {
        for (String name : NAMES) {
            create(system, gateway, name);
        }
    }

    private static void create(ActorSystem<?> system, ClusterGateway gateway, String name) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
        gateway.writeEntity(ResourceTypes.NAMESPACE, name,
                replyTo -> new ObjectCommand.Write(WriteRequest.create(body, false), replyTo))
                .whenComplete((reply, failure) -> {
                    if (failure != null || (reply.code() >= 300 && reply.code() != 409)) {
                        system.log().warn("Creating namespace {} failed ({}); retrying", name,
                                failure != null ? failure.toString() : reply.body());
                        Patterns.after(Duration.ofSeconds(2), system.classicSystem(), () -> {
                            create(system, gateway, name);
                            return java.util.concurrent.CompletableFuture.completedFuture(null);
                        });
                    }
                });
    }
}
