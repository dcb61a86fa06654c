package dev.hindsight.server.http;

/**
 * A request the server refuses for a known reason (bad parameter, not found, overload, too
 * large). {@link HttpErrors} turns it into a status and a Prometheus {@code errorType}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, and so which status: see {@link HttpErrors}. */
    public enum Reason {
        BAD_DATA, NOT_FOUND, OVERLOADED, TOO_LARGE, NOT_READY
    }

    private final Reason reason;

    public ApiException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static ApiException badData(String message) {
        return new ApiException(Reason.BAD_DATA, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Reason.NOT_FOUND, message);
    }
}
