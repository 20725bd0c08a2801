package io.coxswain.protocol.patch;

/**
 * A patch could not be applied. {@link #problem()} says whose fault it is, so the API can
 * answer 400 for a malformed patch and 422 for one that does not fit the object, rather
 * than 500.
 */
public class PatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public enum Problem {
        /** The patch itself is not valid: wrong shape, unknown directive, missing merge key. */
        MALFORMED_PATCH(400),
        /** The patch is well formed but cannot be applied to this object, e.g. a failed {@code test}. */
        NOT_APPLICABLE(422);

        private final int statusCode;

        Problem(int statusCode) {
            this.statusCode = statusCode;
        }

        public int statusCode() {
            return statusCode;
        }
    }

    private final Problem problem;

    public PatchException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public PatchException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    static PatchException malformed(String message) {
        return new PatchException(Problem.MALFORMED_PATCH, message);
    }

    static PatchException notApplicable(String message) {
        return new PatchException(Problem.NOT_APPLICABLE, message);
    }

    public Problem problem() {
        return problem;
    }

    /** The HTTP status the API should answer with. */
    public int statusCode() {
        return problem.statusCode();
    }
}
