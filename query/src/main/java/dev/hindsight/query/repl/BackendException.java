package dev.hindsight.query.repl;

/** A backend could not answer at all (server unreachable, refused credentials, unreadable data). */
public final class BackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
