package io.coxswain.protocol.status;

/** A request the API refuses; carries the Kubernetes {@code Status} the client gets. */
public class ApiException extends RuntimeException {
    private final ApiStatus status;

    public ApiException(ApiStatus status) {
        super(status.message());
        this.status = status;
    }

    public ApiStatus status() {
        return status;
    }
}
