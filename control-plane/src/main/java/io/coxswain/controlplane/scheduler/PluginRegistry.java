package io.coxswain.controlplane.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plug-in names mapped to factories (kube-scheduler's {@code plugins/registry.go}). Registering a
 * plug-in also enables it in the default profile, in registration order, with its default weight:
 * adding a plug-in is adding its class and one line to {@link #builtIn()}.
 */
public final class PluginRegistry {

    private record ScoreFactory(Supplier<ScorePlugin> factory, int defaultWeight) {}

    private final Map<String, Supplier<FilterPlugin>> filters = new LinkedHashMap<>();
    private final Map<String, ScoreFactory> scores = new LinkedHashMap<>();

    private PluginRegistry() {}

    /**
     * The built-in plug-ins. Filters run in Kubernetes' default order, so each node is reported with
     * the reason Kubernetes would give; weights follow Kubernetes' defaults (TaintToleration 3,
     * NodeAffinity 2, PodTopologySpread 2 — which SelectorSpread stands in for — NodeResourcesFit 1).
     */
    public static PluginRegistry builtIn() {
        return new PluginRegistry()
                .filter(NodeUnschedulable.NAME, NodeUnschedulable::new)
                .filter(NodeName.NAME, NodeName::new)
                .filter(TaintToleration.NAME, TaintToleration::new)
                .filter(NodeReady.NAME, NodeReady::new)
                .filter(NodeAffinity.NAME, NodeAffinity::new)
                .filter(NodePorts.NAME, NodePorts::new)
                .filter(NodeResourcesFit.NAME, NodeResourcesFit::new)
                .filter(InterPodAffinity.NAME, InterPodAffinity::new)
                .score(TaintTolerationScore.NAME, 3, TaintTolerationScore::new)
                .score(NodeAffinityScore.NAME, 2, NodeAffinityScore::new)
                .score(LeastAllocated.NAME, 1, LeastAllocated::new)
                .score(SelectorSpread.NAME, 2, SelectorSpread::new);
    }

    public PluginRegistry filter(String name, Supplier<FilterPlugin> factory) {
        requireUnused(name);
        filters.put(name, factory);
        return this;
    }

    public PluginRegistry score(String name, int defaultWeight, Supplier<ScorePlugin> factory) {
        requireUnused(name);
        if (defaultWeight <= 0) {
            throw new IllegalArgumentException("score plug-in " + name + " needs a positive weight");
        }
        scores.put(name, new ScoreFactory(factory, defaultWeight));
        return this;
    }

    /** Every registered plug-in, filters in registration order, scores with their default weights. */
    public SchedulerProfile defaultProfile() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        scores.forEach((name, score) -> weights.put(name, score.defaultWeight()));
        return profile(List.copyOf(filters.keySet()), weights);
    }

    /**
     * A profile of chosen plug-ins: filters in the given order, scores with the given weights.
     *
     * @throws IllegalArgumentException naming a plug-in that is not registered, or a weight below 1
     */
    public SchedulerProfile profile(List<String> filterNames, Map<String, Integer> scoreWeights) {
        List<FilterPlugin> chosenFilters = new ArrayList<>();
        for (String name : filterNames) {
            Supplier<FilterPlugin> factory = filters.get(name);
            if (factory == null) {
                throw new IllegalArgumentException("no filter plug-in named " + name + "; known: " + filters.keySet());
            }
            chosenFilters.add(factory.get());
        }
        List<SchedulerProfile.WeightedScore> chosenScores = new ArrayList<>();
        scoreWeights.forEach((name, weight) -> {
            ScoreFactory score = scores.get(name);
            if (score == null) {
                throw new IllegalArgumentException("no score plug-in named " + name + "; known: " + scores.keySet());
            }
            if (weight == null || weight <= 0) {
                throw new IllegalArgumentException("score plug-in " + name + " needs a positive weight");
            }
            chosenScores.add(new SchedulerProfile.WeightedScore(score.factory().get(), weight));
        });
        return new SchedulerProfile(chosenFilters, chosenScores);
    }

    private void requireUnused(String name) {
        if (filters.containsKey(name) || scores.containsKey(name)) {
            throw new IllegalArgumentException("a plug-in named " + name + " is already registered");
        }
    }
}
