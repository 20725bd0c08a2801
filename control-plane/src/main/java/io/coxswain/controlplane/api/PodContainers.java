package io.coxswain.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.status.ApiStatus;
import java.util.ArrayList;
import java.util.List;

/** Which container of a pod a log, exec or attach request means, with kube-apiserver's answers when none fits. */
final class PodContainers {
    private PodContainers() {}

    /** The node the pod is bound to; 400 when it is not bound yet. */
    static String node(ObjectNode pod) {
        String node = Json.text(pod, "spec.nodeName");
        if (node.isEmpty()) {
            throw ApiStatus.badRequest("pod " + Json.text(pod, "metadata.name") + " does not have a host assigned")
                    .exception();
        }
        return node;
    }

    /** Whether the pod's status says the container runs. */
    static boolean running(ObjectNode pod, String container) {
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("name").asText().equals(container)) {
                return status.path("state").has("running");
            }
        }
        return false;
    }

    /**
     * {@code requested} (an app or an init container, as kube-apiserver accepts), or the only app
     * container when none is named.
     */
    static String choose(ObjectNode pod, String requested) {
        List<String> names = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            names.add(container.path("name").asText());
        }
        int appContainers = names.size();
        // Kubernetes lists the init containers after the app containers.
        for (JsonNode container : pod.path("spec").path("initContainers")) {
            names.add(container.path("name").asText());
        }
        String name = Json.text(pod, "metadata.name");
        if (requested.isEmpty()) {
            if (appContainers == 1) {
                return names.get(0);
            }
            throw ApiStatus.badRequest("a container name must be specified for pod " + name + ", choose one of: "
                    + names.toString().replace(",", "")).exception();
        }
        if (!names.contains(requested)) {
            throw ApiStatus.badRequest("container " + requested + " is not valid for pod " + name).exception();
        }
        return requested;
    }
}
