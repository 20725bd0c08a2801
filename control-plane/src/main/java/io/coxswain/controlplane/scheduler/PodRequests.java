package io.coxswain.controlplane.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a pod asks of a node, computed as Kubernetes' {@code resourcehelper.PodRequests}: app
 * containers and sidecars (init containers with {@code restartPolicy: Always}) run together and add
 * up; ordinary init containers run one at a time before them, each alongside the sidecars started
 * before it, so the pod needs the larger of the two phases; {@code spec.overhead} comes on top.
 */
final class PodRequests {

    /** kube-scheduler's stand-ins for a missing request when scoring (schedutil.DefaultMilliCPURequest). */
    static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** 200 MiB (schedutil.DefaultMemoryRequest). */
    static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private PodRequests() {}

    /** The requests that must fit on the node. */
    static Resources of(JsonNode pod) {
        return sum(pod.path("spec"), PodRequests::declared);
    }

    /**
     * The requests used for scoring: a container without a CPU or memory request counts as asking
     * for the defaults, so best-effort pods still spread instead of piling onto one "empty" node.
     */
    static Resources nonZero(JsonNode pod) {
        return sum(pod.path("spec"), PodRequests::declaredOrDefault);
    }

    private static Resources sum(JsonNode spec, Function<JsonNode, Resources> perContainer) {
        Resources running = Resources.NONE;
        for (JsonNode container : spec.path("containers")) {
            running = running.plus(perContainer.apply(container));
        }
        Resources sidecars = Resources.NONE;
        Resources initPeak = Resources.NONE;
        for (JsonNode init : spec.path("initContainers")) {
            Resources request = perContainer.apply(init);
            if ("Always".equals(init.path("restartPolicy").asText())) {
                running = running.plus(request);
                sidecars = sidecars.plus(request);
                initPeak = initPeak.max(sidecars);
            } else {
                initPeak = initPeak.max(request.plus(sidecars));
            }
        }
        return running.max(initPeak).plus(Resources.of(spec.path("overhead")));
    }

    private static Resources declared(JsonNode container) {
        return new Resources(cpu(container).orElse(0), memory(container).orElse(0));
    }

    private static Resources declaredOrDefault(JsonNode container) {
        return new Resources(cpu(container).orElse(DEFAULT_MILLI_CPU_REQUEST),
                memory(container).orElse(DEFAULT_MEMORY_REQUEST));
    }

    // The API server defaults a missing request to the limit; our API server does not, so we do it here.
    private static OptionalLong cpu(JsonNode container) {
        JsonNode resources = container.path("resources");
        OptionalLong request = Resources.milliCpu(resources.path("requests"));
        return request.isPresent() ? request : Resources.milliCpu(resources.path("limits"));
    }

    private static OptionalLong memory(JsonNode container) {
        JsonNode resources = container.path("resources");
        OptionalLong request = Resources.memory(resources.path("requests"));
        return request.isPresent() ? request : Resources.memory(resources.path("limits"));
    }
}
