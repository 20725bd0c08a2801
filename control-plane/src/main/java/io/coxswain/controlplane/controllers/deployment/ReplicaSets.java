package io.coxswain.controlplane.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Reading ReplicaSets the way Kubernetes' deployment utilities do (counts, revisions, orderings). */
final class ReplicaSets {

    /** apps/v1's default for a ReplicaSet whose {@code spec.replicas} is unset. */
    private static final int DEFAULT_REPLICAS = 1;

    private ReplicaSets() {}

    static int specReplicas(ReplicaSet rs) {
        Integer replicas = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
        return replicas == null ? DEFAULT_REPLICAS : replicas;
    }

    static int statusReplicas(ReplicaSet rs) {
        return status(rs, ReplicaSetStatus::getReplicas);
    }

    static int availableReplicas(ReplicaSet rs) {
        return status(rs, ReplicaSetStatus::getAvailableReplicas);
    }

    static int readyReplicas(ReplicaSet rs) {
        return status(rs, ReplicaSetStatus::getReadyReplicas);
    }

    static long observedGeneration(ReplicaSet rs) {
        Long observed = rs.getStatus() == null ? null : rs.getStatus().getObservedGeneration();
        return observed == null ? 0 : observed;
    }

    static long generation(ReplicaSet rs) {
        Long generation = rs.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    static boolean active(ReplicaSet rs) {
        return specReplicas(rs) > 0;
    }

    static boolean deleting(ReplicaSet rs) {
        return rs.getMetadata().getDeletionTimestamp() != null;
    }

    /** Sum of {@code spec.replicas}: the pods the ReplicaSets are asked for. */
    static int sumSpec(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(ReplicaSets::specReplicas).sum();
    }

    /** Sum of {@code status.replicas}: the pods that exist. */
    static int sumStatus(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(ReplicaSets::statusReplicas).sum();
    }

    static int sumAvailable(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(ReplicaSets::availableReplicas).sum();
    }

    static int sumReady(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(ReplicaSets::readyReplicas).sum();
    }

    static String annotation(ReplicaSet rs, String key) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** The revision annotation, 0 when absent or not a number (Kubernetes' {@code Revision}, errors as 0). */
    static long revision(ReplicaSet rs) {
        return parseLong(annotation(rs, DeploymentAnnotations.REVISION), 0);
    }

    static long maxRevision(List<ReplicaSet> sets) {
        return sets.stream().mapToLong(ReplicaSets::revision).max().orElse(0);
    }

    /** An int annotation ({@code desired-replicas}, {@code max-replicas}), or null when absent or malformed. */
    static Integer intAnnotation(ReplicaSet rs, String key) {
        String text = annotation(rs, key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant created(ReplicaSet rs) {
        String timestamp = rs.getMetadata().getCreationTimestamp();
        return timestamp == null ? Instant.EPOCH : OffsetDateTime.parse(timestamp).toInstant();
    }

    /** Kubernetes' {@code ReplicaSetsByCreationTimestamp}: oldest first, ties by name. */
    static final Comparator<ReplicaSet> OLDEST_FIRST =
            Comparator.comparing(ReplicaSets::created).thenComparing(rs -> rs.getMetadata().getName());

    /** Kubernetes' {@code ReplicaSetsByRevision}: lowest revision first, ties oldest first. */
    static final Comparator<ReplicaSet> LOWEST_REVISION_FIRST =
            Comparator.comparingLong(ReplicaSets::revision).thenComparing(OLDEST_FIRST);

    /** Kubernetes' {@code ReplicaSetsBySizeNewer}: largest first, ties newest first (they scale up first). */
    static final Comparator<ReplicaSet> LARGEST_NEWEST_FIRST =
            Comparator.comparingInt(ReplicaSets::specReplicas).reversed().thenComparing(OLDEST_FIRST.reversed());

    /** Kubernetes' {@code ReplicaSetsBySizeOlder}: largest first, ties oldest first (they scale down first). */
    static final Comparator<ReplicaSet> LARGEST_OLDEST_FIRST =
            Comparator.comparingInt(ReplicaSets::specReplicas).reversed().thenComparing(OLDEST_FIRST);

    private static int status(ReplicaSet rs, ToIntFunction<ReplicaSetStatus> field) {
        return rs.getStatus() == null ? 0 : field.applyAsInt(rs.getStatus());
    }

    private static long parseLong(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
