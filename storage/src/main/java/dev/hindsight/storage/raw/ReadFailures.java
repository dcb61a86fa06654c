package dev.hindsight.storage.raw;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts reads of the raw log that failed inside Chronicle, shared by every reader of one
 * log, and keeps the first one's description (reported once; the rest are only counted).
 * Any thread.
 */
final class ReadFailures {
    private final LongAdder count = new LongAdder();
    private final AtomicReference<String> first = new AtomicReference<>();

    void record(Throwable t) {
        count.increment();
        if (first.get() == null) {
            first.compareAndSet(null, "a read failed (" + t + "); reads that fail answer nothing for a second "
                + "and are counted, queries answer from memory");
        }
    }

    long count() {
        return count.sum();
    }

    /** The first failure, or null when none. */
    String first() {
        return first.get();
    }
}
