package io.coxswain.node.runtime;

/** The image could not be pulled; the agent shows it as waiting with reason ErrImagePull (then ImagePullBackOff). */
public class ImagePullException extends ContainerRuntimeException {
    public static final String ERR_IMAGE_PULL = "ErrImagePull";

    public ImagePullException(String message) {
        super(ERR_IMAGE_PULL, message);
    }

    public static ImagePullException notFound(String image) {
        return new ImagePullException("Failed to pull image \"" + image + "\": " + image + ": not found");
    }
}
