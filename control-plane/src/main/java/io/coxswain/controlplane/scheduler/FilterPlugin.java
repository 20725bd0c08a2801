package io.coxswain.controlplane.scheduler;

import java.util.List;

/**
 * Decides whether a pod may run on a node at all (kube-scheduler's Filter extension point).
 * Implementations are stateless and pure: the same pod, node and snapshot give the same answer.
 */
public interface FilterPlugin {

    /** The plug-in's name in the {@link PluginRegistry} and in profiles, as in Kubernetes. */
    String name();

    /**
     * Why the node cannot take the pod, in Kubernetes' words ("Insufficient cpu"); empty when it
     * can. A list, because one node may fall short several ways at once (cpu and memory), and
     * Kubernetes counts each of them in its "0/3 nodes are available" message.
     */
    List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot);
}
