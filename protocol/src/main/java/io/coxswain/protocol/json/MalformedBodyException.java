package io.coxswain.protocol.json;

/** A request body that is not well-formed JSON or YAML: the API answers 400 BadRequest. */
public class MalformedBodyException extends IllegalArgumentException {
    public MalformedBodyException(String message) {
        super(message);
    }
}
