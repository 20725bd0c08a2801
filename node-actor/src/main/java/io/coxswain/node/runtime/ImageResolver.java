package io.coxswain.node.runtime;

/**
 * Decides whether an image can be had, for runtimes that do not pull images themselves (process, simulated): they
 * run no image content, but a pod with a bad image must still fail the way it would on a real node.
 */
@FunctionalInterface
public interface ImageResolver {
    /** Names starting with this prefix never resolve, so tests and demos can provoke ErrImagePull. */
    String MISSING_PREFIX = "missing/";

    boolean resolves(String image);

    /** Every image resolves except those named {@code missing/…} (and the empty name). */
    static ImageResolver allButMissing() {
        return image -> !image.isBlank() && !image.startsWith(MISSING_PREFIX);
    }

    /** Throws {@link ImagePullException} for an image that does not resolve. */
    default void require(String image) {
        if (!resolves(image)) {
            throw ImagePullException.notFound(image);
        }
    }
}
