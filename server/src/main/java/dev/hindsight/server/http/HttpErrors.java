package dev.hindsight.server.http;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;

/**
 * The one table from failures to HTTP answers, as Prometheus's {@code returnAPIError} maps
 * them: bad input 400 {@code bad_data}, evaluation failure or too many samples 422
 * {@code execution}, timeout 503 {@code timeout}, cancel 503 {@code canceled}, overload and
 * unreadable storage (a fault on a mapped page, e.g. a full disk) 503 {@code unavailable}, body too large 413, unknown path 404 {@code not_found}, anything else
 * (a bug) 500 {@code internal}.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * One mapped error.
     *
     * @param position where in the query the error is, or {@link Position#NONE}
     */
    public record ApiError(int status, String errorType, String message, Position position) {
    }

    public static ApiError map(Throwable t) {
        if (t instanceof QueryException q) {
            return switch (q.kind()) {
                case BAD_DATA -> new ApiError(400, "bad_data", q.getMessage(), q.position());
                case EXECUTION, TOO_MANY_SAMPLES -> new ApiError(422, "execution", q.getMessage(), q.position());
                case TIMEOUT -> new ApiError(503, "timeout", q.getMessage(), q.position());
                case CANCELED -> new ApiError(503, "canceled", q.getMessage(), q.position());
            };
        }
        if (t instanceof ApiException a) {
            return switch (a.reason()) {
                case BAD_DATA -> new ApiError(400, "bad_data", a.getMessage(), Position.NONE);
                case NOT_FOUND -> new ApiError(404, "not_found", a.getMessage(), Position.NONE);
                case OVERLOADED -> new ApiError(503, "unavailable", a.getMessage(), Position.NONE);
                case NOT_READY -> new ApiError(503, "unavailable", a.getMessage(), Position.NONE);
                case TOO_LARGE -> new ApiError(413, "bad_data", a.getMessage(), Position.NONE);
            };
        }
        if (t instanceof RequestTooBigException || t.getCause() instanceof RequestTooBigException) {
            return new ApiError(413, "bad_data", "request body too large", Position.NONE);
        }
        if (t instanceof InternalError || t.getCause() instanceof InternalError) {
            // a fault on a memory-mapped page of the data files (a full disk): the storage answers
            // from memory where it can; what still fails is unavailable for now, not a bug
            return new ApiError(503, "unavailable", "storage cannot be read now: " + t.getMessage(), Position.NONE);
        }
        if (t instanceof IOException) {
            return new ApiError(400, "bad_data", "cannot read request: " + t.getMessage(), Position.NONE);
        }
        return new ApiError(500, "internal", String.valueOf(t), Position.NONE);
    }
}
