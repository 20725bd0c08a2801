package io.coxswain.controlplane.controllers.deployment;

import java.util.Set;

/** The annotations Kubernetes' deployment controller reads and writes, with their exact keys. */
final class DeploymentAnnotations {

    /** On ReplicaSets and the Deployment: the rollout's number; {@code kubectl rollout history/undo} read it. */
    static final String REVISION = "deployment.kubernetes.io/revision";
    /** On a ReplicaSet rolled back to: the revisions it had before, comma-separated. */
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    /** On ReplicaSets: the Deployment's replicas when the ReplicaSet was last scaled (proportional scaling). */
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    /** On ReplicaSets: replicas + maxSurge when the ReplicaSet was last scaled (proportional scaling). */
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";

    /**
     * The Deployment's annotations not copied onto its new ReplicaSet (Kubernetes' {@code annotationsToSkip}):
     * the controller's own bookkeeping, and kubectl's last-applied copy of the Deployment.
     */
    static final Set<String> NOT_COPIED = Set.of(
            LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, DEPRECATED_ROLLBACK_TO);

    /** Kubernetes caps {@code revision-history} at this many characters, dropping the oldest entries. */
    static final int REVISION_HISTORY_MAX_CHARS = 2000;

    private DeploymentAnnotations() {}
}
