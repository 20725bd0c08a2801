package io.coxswain.controlplane.scheduler;

/**
 * Ranks the nodes that passed every filter (kube-scheduler's Score extension point). Each node is
 * scored on its own, then {@link #normalize} sees all the scores, as Kubernetes'
 * {@code NormalizeScore} does, to bring them into 0..{@link #MAX_SCORE}; the profile multiplies
 * each plug-in's result by its weight.
 */
public interface ScorePlugin {

    long MAX_SCORE = 100;

    String name();

    /** The node's score, already in 0..MAX_SCORE unless {@link #normalize} rescales it. */
    long score(PodInfo pod, NodeInfo node, ClusterSnapshot snapshot);

    /** Scores of all feasible nodes (in the same order) brought into 0..MAX_SCORE; the default keeps them. */
    default long[] normalize(long[] scores) {
        return scores;
    }

    /**
     * Kubernetes' {@code DefaultNormalizeScore}: scales so the highest score becomes MAX_SCORE, or,
     * {@code reversed}, so the highest becomes 0 (for scores counting something bad). When every
     * score is zero they stay zero, or all become MAX_SCORE when reversed.
     */
    static long[] scaleToMax(long[] scores, boolean reversed) {
        long highest = 0;
        for (long score : scores) {
            highest = Math.max(highest, score);
        }
        long[] scaled = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (highest == 0) {
                scaled[i] = reversed ? MAX_SCORE : 0;
            } else {
                long share = MAX_SCORE * scores[i] / highest;
                scaled[i] = reversed ? MAX_SCORE - share : share;
            }
        }
        return scaled;
    }
}
