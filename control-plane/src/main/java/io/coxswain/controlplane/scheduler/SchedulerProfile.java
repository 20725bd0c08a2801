package io.coxswain.controlplane.scheduler;

import java.util.List;

/**
 * The plug-ins one scheduler runs: filters in order (a node's first failing filter gives its
 * reasons) and scores with their weights.
 */
public record SchedulerProfile(List<FilterPlugin> filters, List<WeightedScore> scores) {

    /** A score plug-in and how much its 0..100 counts in the total. */
    public record WeightedScore(ScorePlugin plugin, int weight) {}

    public SchedulerProfile {
        filters = List.copyOf(filters);
        scores = List.copyOf(scores);
    }
}
