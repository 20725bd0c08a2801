package io.coxswain.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parts of a pod spec that Kubernetes accepts and Coxswain's node agents do not carry out: gRPC
 * probes (ignored: the container is treated as having no such probe) and service account token
 * projections (skipped: no token file is written). Such a pod is still accepted, as it would be by
 * a cluster with the feature turned off, but nobody is left to find out by surprise: the API
 * answers its create with a {@code Warning} header per field and the node agent puts a Warning
 * event on the pod. One list, so both say the same.
 */
public final class UnsupportedPodFields {
    private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
    private static final String[] CONTAINER_LISTS = {"initContainers", "containers"};

    private UnsupportedPodFields() {}

    /** One field that will not be carried out, and what happens instead. */
    public record Unsupported(String field, String consequence) {
        /** As kube-apiserver words its warnings: {@code <field path>: <text>}. */
        public String warning() {
            return field + ": " + consequence;
        }
    }

    /** In a pod spec; {@code path} is where the spec is ({@code spec} for a Pod). */
    public static List<Unsupported> inPodSpec(JsonNode spec, FieldPath path) {
        List<Unsupported> found = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                for (String probe : PROBES) {
                    if (containers.get(i).path(probe).has("grpc")) {
                        found.add(new Unsupported(path.child(list).index(i).child(probe).child("grpc").value(),
                                "gRPC probes are not supported by this cluster's node agents; the probe is ignored"));
                    }
                }
            }
        }
        JsonNode volumes = spec.path("volumes");
        for (int v = 0; v < volumes.size(); v++) {
            JsonNode sources = volumes.get(v).path("projected").path("sources");
            for (int s = 0; s < sources.size(); s++) {
                if (sources.get(s).has("serviceAccountToken")) {
                    found.add(new Unsupported(path.child("volumes").index(v).child("projected").child("sources")
                            .index(s).child("serviceAccountToken").value(),
                            "service account tokens are not supported by this cluster; no token file is written"));
                }
            }
        }
        return found;
    }

    /**
     * In an object of any kind: a Pod's spec, or the pod template of a workload
     * ({@code spec.template}, a CronJob's {@code spec.jobTemplate.spec.template}); none for others.
     */
    public static List<Unsupported> inObject(String kind, JsonNode object) {
        JsonNode spec = object.path("spec");
        if (kind.equals("Pod")) {
            return inPodSpec(spec, FieldPath.root("spec"));
        }
        if (spec.path("template").path("spec").isObject()) {
            return inPodSpec(spec.path("template").path("spec"), FieldPath.root("spec").child("template").child("spec"));
        }
        JsonNode jobPodSpec = spec.path("jobTemplate").path("spec").path("template").path("spec");
        if (jobPodSpec.isObject()) {
            return inPodSpec(jobPodSpec, FieldPath.root("spec").child("jobTemplate").child("spec").child("template")
                    .child("spec"));
        }
        return List.of();
    }
}
