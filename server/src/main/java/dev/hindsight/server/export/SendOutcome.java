package dev.hindsight.server.export;

/**
 * What became of one attempt to send a batch.
 *
 * @param status HTTP status, or 0 when no response arrived (connection refused, timeout)
 * @param detail the response body's start or the I/O error, for the log
 */
public record SendOutcome(Result result, int status, String detail) {

    /** The three ways an attempt ends. */
    public enum Result {
        /** 2xx: acknowledge the batch. */
        SENT,
        /** 5xx, 429 (when configured) or a network error: send the same batch again after a backoff. */
        RETRY,
        /** Any other status: the receiver will never take it; count it and move on. */
        REJECTED
    }

    /** Classifies a response status as Prometheus's remote-write client does. */
    public static SendOutcome ofStatus(int status, String detail, boolean retryOn429) {
        if (status / 100 == 2) {
            return new SendOutcome(Result.SENT, status, detail);
        }
        if (status / 100 == 5 || (status == 429 && retryOn429)) {
            return new SendOutcome(Result.RETRY, status, detail);
        }
        return new SendOutcome(Result.REJECTED, status, detail);
    }
}
