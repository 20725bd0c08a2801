package io.coxswain.node.agent.volume;

/** A volume of a pod could not be prepared; the pod's containers wait (Kubernetes' {@code FailedMount}). */
public final class VolumeSetupException extends RuntimeException {
    public static final String REASON = "FailedMount";
    private final String volume;

    public VolumeSetupException(String volume, String message) {
        super(message);
        this.volume = volume;
    }

    public String volume() {
        return volume;
    }

    /** The kubelet's event text: {@code MountVolume.SetUp failed for volume "config" : configmap "x" not found}. */
    public String eventMessage() {
        return "MountVolume.SetUp failed for volume \"" + volume + "\" : " + getMessage();
    }
}
