package io.coxswain.node.agent.probe;

/** The three probes of a container, with what Kubernetes calls them in events and specs. */
public enum ProbeKind {
    LIVENESS("Liveness", "livenessProbe"),
    READINESS("Readiness", "readinessProbe"),
    STARTUP("Startup", "startupProbe");

    private final String title;
    private final String field;

    ProbeKind(String title, String field) {
        this.title = title;
        this.field = field;
    }

    /** As in the event text {@code Liveness probe failed: …}. */
    public String title() {
        return title;
    }

    /** The container spec's field. */
    public String field() {
        return field;
    }
}
