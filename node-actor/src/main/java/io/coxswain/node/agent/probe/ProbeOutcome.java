package io.coxswain.node.agent.probe;

/** One run of a probe: did it pass, and the kubelet's words for why not. */
public record ProbeOutcome(boolean success, String message) {
    public static ProbeOutcome passed() {
        return new ProbeOutcome(true, "");
    }

    public static ProbeOutcome failed(String message) {
        return new ProbeOutcome(false, message);
    }
}
