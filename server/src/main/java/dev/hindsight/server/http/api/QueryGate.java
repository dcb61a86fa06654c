package dev.hindsight.server.http.api;

import dev.hindsight.server.http.ApiException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the queries running at once. A query waits briefly for a slot, then is refused
 * with 503 (so overload is an answer, never a pile-up of threads or memory).
 */
public final class QueryGate {
    private final Semaphore slots;
    private final int max;
    private final long waitMs;

    public QueryGate(int maxConcurrent, long waitMs) {
        this.slots = new Semaphore(maxConcurrent);
        this.max = maxConcurrent;
        this.waitMs = waitMs;
    }

    /** A held slot; close it to give it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot acquire() {
        boolean got;
        try {
            got = slots.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new ApiException(ApiException.Reason.OVERLOADED,
                "too many concurrent queries (limit " + max + "); try again later");
        }
        return slots::release;
    }

    public int available() {
        return slots.availablePermits();
    }
}
