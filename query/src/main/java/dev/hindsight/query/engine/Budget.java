package dev.hindsight.query.engine;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;

/**
 * The sample counter and deadline of one query. Every loop that loads or produces samples
 * calls {@link #add} (and {@link #release} when it lets them go); {@link #check} is cheap
 * and called once per series per step. Single-threaded: owned by one query.
 */
final class Budget {
    static final String TOO_MANY = "query processing would load too many samples into memory in query execution";
    static final String TIMED_OUT = "query timed out in query execution";

    private final long maxSamples;
    private final long deadlineNanos;
    private final java.util.function.LongSupplier nanoClock;
    private long current;
    private long peak;
    private int ticks;

    Budget(long maxSamples, long timeoutNanos, java.util.function.LongSupplier nanoClock) {
        this.maxSamples = maxSamples;
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + timeoutNanos;
    }

    void add(long n) {
        current += n;
        if (current > peak) {
            peak = current;
        }
        if (current > maxSamples) {
            throw new QueryException(QueryException.Kind.TOO_MANY_SAMPLES, Position.NONE, TOO_MANY);
        }
    }

    void release(long n) {
        current -= n;
    }

    long current() {
        return current;
    }

    long peak() {
        return peak;
    }

    /** Checks the deadline (every call reads the clock every 64th time). */
    void check() {
        if ((ticks++ & 63) == 0 && nanoClock.getAsLong() - deadlineNanos > 0) {
            throw new QueryException(QueryException.Kind.TIMEOUT, Position.NONE, TIMED_OUT);
        }
    }

    /** Checks the deadline now. */
    void checkNow() {
        if (nanoClock.getAsLong() - deadlineNanos > 0) {
            throw new QueryException(QueryException.Kind.TIMEOUT, Position.NONE, TIMED_OUT);
        }
    }
}
