package io.coxswain.controlplane.scheduler;

import java.util.ArrayList;
import java.util.List;

/** The node must have room for the pod's requests and for one more pod (Kubernetes' NodeResourcesFit filter). */
public final class NodeResourcesFit implements FilterPlugin {

    public static final String NAME = "NodeResourcesFit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        List<String> reasons = new ArrayList<>();
        if (node.pods().size() + 1 > node.allowedPods()) {
            reasons.add("Too many pods");
        }
        Resources wanted = pod.requests();
        Resources free = new Resources(
                node.allocatable().milliCpu() - node.requested().milliCpu(),
                node.allocatable().memory() - node.requested().memory());
        if (wanted.milliCpu() > 0 && wanted.milliCpu() > free.milliCpu()) {
            reasons.add("Insufficient cpu");
        }
        if (wanted.memory() > 0 && wanted.memory() > free.memory()) {
            reasons.add("Insufficient memory");
        }
        return reasons;
    }
}
