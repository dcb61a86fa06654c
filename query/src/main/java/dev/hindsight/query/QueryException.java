package dev.hindsight.query;

/**
 * The one exception a query can fail with. {@link #kind()} decides the HTTP status
 * (see the server's error table); {@link #position()} points into the query text when
 * the error has a place, else is {@link Position#NONE}.
 */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Syntax error or a type error found before evaluation. HTTP 400, errorType bad_data. */
        BAD_DATA,
        /** Failed while evaluating (e.g. many-to-many matching). HTTP 422, errorType execution. */
        EXECUTION,
        /** Exceeded its deadline. HTTP 503, errorType timeout. */
        TIMEOUT,
        /** Would load more samples than allowed. HTTP 422, errorType execution. */
        TOO_MANY_SAMPLES,
        /** Cancelled by its caller. HTTP 503, errorType canceled. */
        CANCELED
    }

    private final Kind kind;
    private final Position position;
    private final String query;

    public QueryException(Kind kind, Position position, String message) {
        this(kind, position, message, null);
    }

    public QueryException(Kind kind, Position position, String message, String query) {
        super(message);
        this.kind = kind;
        this.position = position == null ? Position.NONE : position;
        this.query = query;
    }

    public Kind kind() {
        return kind;
    }

    public Position position() {
        return position;
    }

    /** The query text, when known, for rendering a caret. */
    public String query() {
        return query;
    }

    public QueryException withQuery(String queryText) {
        QueryException e = new QueryException(kind, position, getMessage(), queryText);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
