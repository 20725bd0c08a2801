package io.coxswain.node.runtime;

/**
 * What a runtime did to have a container's image, which the agent reports as the kubelet's image
 * event (before Created and Started). Each runtime says what it really did: only the docker
 * runtime has images at all.
 *
 * @param reason  the event's reason, e.g. {@code Pulled}
 * @param message the event's message
 */
public record ImagePreparation(String reason, String message) {

    /** A local image used as it is, in the kubelet's words for an image it did not need to pull. */
    public static ImagePreparation alreadyPresent(String image) {
        return new ImagePreparation("Pulled", "Container image \"" + image + "\" already present on machine");
    }
}
