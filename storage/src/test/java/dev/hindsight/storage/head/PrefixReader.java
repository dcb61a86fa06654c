package dev.hindsight.storage.head;

import dev.hindsight.storage.select.SampleCursor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;

/**
 * A reader thread for the head's concurrency tests: reads one series again and again while
 * another thread appends sample {@code i} at time {@code i}, and records in {@link #failure()}
 * the first sample read with the wrong time or value, or a read that saw fewer samples than
 * the one before. It stops once it has seen {@code n} samples, or at the first failure.
 */
final class PrefixReader {
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Thread thread;

    private PrefixReader(Head head, int series, int n, IntToDoubleFunction value) {
        thread = new Thread(() -> {
            int lastSeen = 0;
            while (lastSeen < n && failure.get() == null) {
                SampleCursor c = head.cursor(series, 0, Long.MAX_VALUE);
                int i = 0;
                while (c.next()) {
                    if (c.timestamp() != i || c.value() != value.applyAsDouble(i)) {
                        failure.set("sample " + i + " read as " + c.timestamp() + "=" + c.value());
                        return;
                    }
                    i++;
                }
                if (i < lastSeen) {
                    failure.set("went backwards from " + lastSeen + " to " + i);
                }
                lastSeen = i;
            }
        });
    }

    /** Starts reading {@code series} of {@code head} until it has seen {@code n} samples of {@code value}. */
    static PrefixReader start(Head head, int series, int n, IntToDoubleFunction value) {
        PrefixReader r = new PrefixReader(head, series, n, value);
        r.thread.start();
        return r;
    }

    /** Waits for the reader to stop; returns its failure, or null. */
    String failure() throws InterruptedException {
        thread.join();
        return failure.get();
    }
}
