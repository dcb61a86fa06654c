package dev.hindsight.collector;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's own health, exported at /metrics. Written by the collector thread, read
 * by any thread.
 */
public final class CollectorCounters {
    public final LongAdder ticks = new LongAdder();
    public final LongAdder containerSamples = new LongAdder();
    public final LongAdder recordsWritten = new LongAdder();
    public final LongAdder recordsDropped = new LongAdder();
    public final LongAdder containersGone = new LongAdder();
    public final LongAdder readErrors = new LongAdder();
    /** Whole intervals' worth of reads skipped because collection fell behind (rounded up). */
    public final LongAdder missedTicks = new LongAdder();
    /** Slices skipped because collection fell behind. */
    public final LongAdder skippedSlices = new LongAdder();
    /** Slices run late (a slice or more behind, less than an interval), their containers still read within the interval. */
    public final LongAdder lateSlices = new LongAdder();
    public final LongAdder containersCreated = new LongAdder();
    public final LongAdder containersDeleted = new LongAdder();
    /** Containers tracked now. */
    public final AtomicLong containers = new AtomicLong();
    /** Duration of the last full interval's reads, nanoseconds of wall time. */
    public final AtomicLong lastIntervalReadNanos = new AtomicLong();
    /** Sum of read durations, nanoseconds, for a rate of CPU spent reading. */
    public final LongAdder readNanos = new LongAdder();
    /** Epoch ms of the last completed interval (0 until the first). */
    public final AtomicLong lastCompletedIntervalMs = new AtomicLong();

    private volatile java.util.function.Supplier<java.util.Map<String, Long>> errors = java.util.Map::of;

    void errorSource(java.util.function.Supplier<java.util.Map<String, Long>> source) {
        this.errors = source;
    }

    /** Errors counted so far, by kind. */
    public java.util.Map<String, Long> errorCounts() {
        return errors.get();
    }
}
