package io.coxswain.protocol.quantity;

/** Text that is not a Kubernetes quantity; the message is apimachinery's. */
public class MalformedQuantityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedQuantityException(String message) {
        super(message);
    }
}
