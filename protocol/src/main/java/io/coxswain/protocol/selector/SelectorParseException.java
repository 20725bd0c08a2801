package io.coxswain.protocol.selector;

/**
 * A label or field selector could not be understood. The message reads like Kubernetes'
 * own, so the API can pass it on unchanged in a 400 Bad Request.
 */
public class SelectorParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SelectorParseException(String message) {
        super(message);
    }
}
