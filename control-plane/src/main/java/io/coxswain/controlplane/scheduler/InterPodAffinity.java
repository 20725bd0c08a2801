package io.coxswain.controlplane.scheduler;

import io.coxswain.controlplane.scheduler.ClusterSnapshot.BoundPod;
import java.util.List;
import java.util.Optional;

/**
 * Required pod affinity and anti-affinity, per topology domain (the node's value of the term's
 * {@code topologyKey}; {@code kubernetes.io/hostname} means "the same node"):
 * <ul>
 *   <li>affinity: in the node's domain there must be a pod matching all the pod's affinity terms —
 *       unless no such pod exists anywhere and the pod matches its own terms, so the first replica
 *       of a group that wants to be together can start;</li>
 *   <li>anti-affinity: no pod in the node's domain may match any of the pod's anti-affinity terms;</li>
 *   <li>symmetry: no pod already in the node's domain may have an anti-affinity term matching the pod.</li>
 * </ul>
 */
public final class InterPodAffinity implements FilterPlugin {

    public static final String NAME = "InterPodAffinity";
    static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        if (!satisfiesAffinity(pod, node, snapshot)) {
            return List.of(AFFINITY_REASON);
        }
        if (!satisfiesAntiAffinity(pod, node, snapshot)) {
            return List.of(ANTI_AFFINITY_REASON);
        }
        if (!satisfiesExistingPodsAntiAffinity(pod, node, snapshot)) {
            return List.of(EXISTING_ANTI_AFFINITY_REASON);
        }
        return List.of();
    }

    private static boolean satisfiesAffinity(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        List<PodAffinityTerm> terms = pod.requiredPodAffinity();
        if (terms.isEmpty()) {
            return true;
        }
        List<BoundPod> matchingAll = snapshot.boundPods().stream()
                .filter(bound -> terms.stream().allMatch(term -> term.matches(bound.pod())))
                .toList();
        boolean presentInEveryDomain = true;
        for (PodAffinityTerm term : terms) {
            Optional<String> domain = node.topologyValue(term.topologyKey());
            if (domain.isEmpty()) {
                return false;
            }
            presentInEveryDomain &= matchingAll.stream()
                    .anyMatch(bound -> bound.node().topologyValue(term.topologyKey()).equals(domain));
        }
        if (presentInEveryDomain) {
            return true;
        }
        boolean noneAnywhere = matchingAll.stream().noneMatch(bound -> terms.stream()
                .anyMatch(term -> bound.node().topologyValue(term.topologyKey()).isPresent()));
        return noneAnywhere && terms.stream().allMatch(term -> term.matches(pod));
    }

    private static boolean satisfiesAntiAffinity(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        for (PodAffinityTerm term : pod.requiredPodAntiAffinity()) {
            Optional<String> domain = node.topologyValue(term.topologyKey());
            if (domain.isPresent() && snapshot.boundPods().stream().anyMatch(bound -> term.matches(bound.pod())
                    && bound.node().topologyValue(term.topologyKey()).equals(domain))) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfiesExistingPodsAntiAffinity(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot) {
        for (BoundPod existing : snapshot.podsWithRequiredAntiAffinity()) {
            for (PodAffinityTerm term : existing.pod().requiredPodAntiAffinity()) {
                Optional<String> domain = existing.node().topologyValue(term.topologyKey());
                if (domain.isPresent() && term.matches(pod) && domain.equals(node.topologyValue(term.topologyKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
