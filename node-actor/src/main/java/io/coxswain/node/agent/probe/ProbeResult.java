package io.coxswain.node.agent.probe;

/** Where a probe stands: Kubernetes starts readiness at FAILURE, liveness at SUCCESS and startup at UNKNOWN. */
public enum ProbeResult {
    SUCCESS, FAILURE, UNKNOWN;

    static ProbeResult initial(ProbeKind kind) {
        return switch (kind) {
            case READINESS -> FAILURE;
            case LIVENESS -> SUCCESS;
            case STARTUP -> UNKNOWN;
        };
    }
}
