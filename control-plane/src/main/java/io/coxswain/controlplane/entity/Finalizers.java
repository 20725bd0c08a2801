package io.coxswain.controlplane.entity;

/** The finalizers the control plane itself acts on, named as Kubernetes names them. */
public final class Finalizers {
    /** Delete the dependants first, then the owner (propagationPolicy=Foreground). */
    public static final String FOREGROUND_DELETION = "foregroundDeletion";
    /** Leave the dependants, removing their owner references (propagationPolicy=Orphan). */
    public static final String ORPHAN = "orphan";

    private Finalizers() {}
}
