package dev.hindsight.storage.rollup;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import dev.hindsight.storage.raw.QueueSearch;
import net.openhft.chronicle.bytes.Bytes;
import dev.hindsight.storage.raw.QueueSearch;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The closed buckets of one resolution, in a Chronicle Queue in {@code <data_dir>/rollup/<resolution>/},
 * one {@link RollupBucketLayout} document per bucket, in the order buckets closed.
 *
 * <p>Threads: {@link #append} from the ingest thread only; the read methods from any thread
 * (each read creates and closes its own tailer).
 */
public final class RollupQueue implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final long resolutionMs;
    private final long slackMs;
    private ExcerptAppender appender;
    /**
     * Closed buckets not yet written, already laid out as the document's entries (native
     * order, as Chronicle writes: little-endian); ingest thread only.
     */
    private final byte[] pending = new byte[RollupBucketLayout.MAX_BATCH * RollupBucketLayout.ENTRY_LENGTH];
    private int pendingCount;
    private long pendingFirstStart;
    private static final java.lang.invoke.VarHandle INT =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle LONG =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
    private static final java.lang.invoke.VarHandle DOUBLE =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(double[].class, java.nio.ByteOrder.nativeOrder());
    /** When the last append failed (0: it did not); ingest thread only. */
    private long failedAtNanos;
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    // ---- written by the ingest thread, read by metrics ----
    private volatile long appended;
    private volatile long dropped;
    private volatile Throwable lastFailure;

    private final DataClock clock;
    private final java.util.List<String> problems = new java.util.ArrayList<>();

    private RollupQueue(SingleChronicleQueue queue, long resolutionMs, long slackMs, DataClock clock) {
        this.queue = queue;
        this.clock = clock;
        this.resolutionMs = resolutionMs;
        this.slackMs = slackMs;
    }

    /**
     * Opens (creating) a rollup queue. Its roll cycles follow the data, not the wall clock:
     * a bucket goes into the cycle of the newest bucket start written so far, so cycle files
     * are in data-time order (which the time search and retention rely on) even when the
     * wall clock steps.
     *
     * @param graceMs the writer's flush grace: buckets close at most resolution + grace
     *                after their end, which bounds how far out of start order they are written
     */
    public static RollupQueue open(Path dir, long resolutionMs, long graceMs, RollCycle rollCycle) {
        DataClock clock = new DataClock();
        SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(rollCycle)
            .timeProvider(clock).build();
        RollupQueue rq = new RollupQueue(q, resolutionMs, resolutionMs + graceMs, clock);
        try (ExcerptTailer t = q.createTailer().direction(net.openhft.chronicle.queue.TailerDirection.BACKWARD).toEnd()) {
            try (DocumentContext dc = t.readingDocument()) {
                if (dc.isPresent()) {
                    clock.advance(startOf(dc.wire().bytes()));
                }
            }
        }
        return rq;
    }

    /** Chronicle's clock for a rollup queue: the newest bucket start written, never going back. */
    static final class DataClock implements TimeProvider {
        private volatile long millis;

        void advance(long startMs) {
            if (startMs > millis) {
                millis = startMs;
            }
        }

        @Override
        public long currentTimeMillis() {
            return millis;
        }

        @Override
        public long currentTimeMicros() {
            return millis * 1000;
        }

        @Override
        public long currentTimeNanos() {
            return millis * 1_000_000;
        }
    }

    /**
     * Adds one closed bucket to the pending batch; the batch is written as one document by
     * {@link #flush()} (the writer calls it after each raw record) or when it is full.
     */
    public void append(RollupBucket bucket) {
        append(bucket.seriesId(), bucket.startMs(), bucket.count(), bucket.sum(), bucket.min(), bucket.max(),
            bucket.last(), bucket.counter());
    }

    /** As {@link #append(RollupBucket)}, from primitives: what the ingest path calls, allocating nothing. */
    public void append(int seriesId, long startMs, int count, double sum, double min, double max, double last,
                       double counter) {
        if (pendingCount == 0) {
            pendingFirstStart = startMs;
        }
        byte[] e = pending;
        int p = pendingCount * RollupBucketLayout.ENTRY_LENGTH;
        INT.set(e, p + RollupBucketLayout.ENTRY_SERIES_OFFSET, seriesId);
        INT.set(e, p + RollupBucketLayout.ENTRY_COUNT_OFFSET, count);
        LONG.set(e, p + RollupBucketLayout.ENTRY_START_OFFSET, startMs);
        DOUBLE.set(e, p + RollupBucketLayout.ENTRY_SUM_OFFSET, sum);
        DOUBLE.set(e, p + RollupBucketLayout.ENTRY_MIN_OFFSET, min);
        DOUBLE.set(e, p + RollupBucketLayout.ENTRY_MAX_OFFSET, max);
        DOUBLE.set(e, p + RollupBucketLayout.ENTRY_LAST_OFFSET, last);
        DOUBLE.set(e, p + RollupBucketLayout.ENTRY_COUNTER_OFFSET, counter);
        if (++pendingCount >= RollupBucketLayout.MAX_BATCH) {
            flush();
        }
    }

    /**
     * Writes the pending buckets as one document; false (counted in {@link #droppedCount()},
     * not thrown) when the write failed, e.g. a full disk. Buckets lost this way are like
     * buckets that never closed before a crash: not re-derived, counted.
     */
    public boolean flush() {
        int n = pendingCount;
        if (n == 0) {
            return true;
        }
        if (failedAtNanos != 0 && System.nanoTime() - failedAtNanos < RETRY_AFTER_NANOS) {
            dropped += n; // a write failed a moment ago (full disk): don't pay for failing again per batch
            pendingCount = 0;
            return false;
        }
        try {
            long first = pendingFirstStart;
            clock.advance(first);
            if (appender == null) {
                appender = queue.createAppender();
            }
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeShort((short) RollupBucketLayout.VERSION);
                b.writeShort((short) 0);
                b.writeInt(n);
                b.writeLong(first);
                b.write(pending, 0, n * RollupBucketLayout.ENTRY_LENGTH);
            }
        } catch (RuntimeException | InternalError | AssertionError e) {
            // A full disk surfaces as an exception wrapped by Chronicle or an InternalError from a
            // mapped page; the half-written document can leave the appender unusable, so drop it.
            dropped += n;
            pendingCount = 0;
            lastFailure = e;
            failedAtNanos = System.nanoTime() | 1;
            discardAppender();
            return false;
        }
        pendingCount = 0;
        failedAtNanos = 0;
        appended += n;
        return true;
    }

    private void discardAppender() {
        ExcerptAppender a = appender;
        appender = null;
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException | Error ignored) {
                // a fresh appender is made on the next append
            }
        }
    }

    /** Index of the last bucket written, or -1 when empty. */
    public long lastIndex() {
        long i = queue.lastIndex();
        return i < 0 ? -1 : i;
    }

    /** Every bucket after queue index {@code afterIndex} (-1: from the start), in order. */
    public void readAfter(long afterIndex, Consumer<RollupBucket> consumer) {
        try (ExcerptTailer t = queue.createTailer()) {
            if (afterIndex >= 0) {
                if (!t.moveToIndex(afterIndex)) {
                    t.toStart();
                } else {
                    skipOne(t);
                }
            }
            readWhile(t, Long.MAX_VALUE, c -> false, id -> true, b -> true, consumer);
        }
    }

    /**
     * Buckets of the wanted series whose start lies in [fromMs, toMs], found by binary search
     * on bucket start (never a scan of the whole queue); delivered in queue order.
     */
    public void readRange(long fromMs, long toMs, IntPredicate wanted, Consumer<RollupBucket> consumer) {
        readRange(fromMs, toMs, c -> false, wanted, consumer);
    }

    /**
     * As {@link #readRange(long, long, IntPredicate, Consumer)}, skipping the roll cycles
     * {@code skipCycle} accepts (those already compacted into block files).
     */
    public void readRange(long fromMs, long toMs, IntPredicate skipCycle, IntPredicate wanted,
                          Consumer<RollupBucket> consumer) {
        try (ExcerptTailer t = queue.createTailer()) {
            QueueSearch.seek(queue, t, RollupQueue::startOf, fromMs < Long.MIN_VALUE + slackMs ? Long.MIN_VALUE : fromMs - slackMs);
            readWhile(t, toMs > Long.MAX_VALUE - slackMs ? Long.MAX_VALUE : toMs + slackMs, skipCycle, wanted,
                b -> b.startMs() >= fromMs && b.startMs() <= toMs, consumer);
        }
    }

    /** Puts the tailer at the first document of the first cycle after {@code cycle}; false when there is none. */
    private boolean moveToCycleAfter(ExcerptTailer t, int cycle) {
        int next;
        try {
            next = queue.nextCycle(cycle, net.openhft.chronicle.queue.TailerDirection.FORWARD);
        } catch (java.text.ParseException e) {
            return false;
        }
        return next > cycle && t.moveToIndex(queue.rollCycle().toIndex(next, 0));
    }

    /**
     * Every bucket of one roll cycle's documents, in order (what compaction turns into a
     * block file); false when reading failed inside the cycle (damaged: reported). A cycle cut
     * short is reported and read up to where it stops.
     */
    public boolean readCycle(int cycle, Consumer<RollupBucket> consumer) {
        return readCycleRows(cycle, consumer::accept);
    }

    /**
     * As {@link #readCycle}, each bucket to {@code sink}'s primitive {@code emit} (compaction
     * reads every bucket of a cycle twice: no object per bucket).
     */
    boolean readCycleRows(int cycle, BucketSink sink) {
        try (ExcerptTailer t = queue.createTailer()) {
            if (!t.moveToIndex(queue.rollCycle().toIndex(cycle, 0))) {
                return true; // an empty cycle
            }
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        if (t.cycle() == cycle && cycle < queue.lastCycle()) {
                            // a finished cycle the tailer cannot leave: cut short, or without its end marker
                            problem(cycleFile(cycle) + ": ends before its roll cycle does (cut short?); "
                                + "compacted up to that point");
                        }
                        return true;
                    }
                    if (t.cycle() != cycle) {
                        dc.rollbackOnClose();
                        return true;
                    }
                    RollupBucket.readDocument(dc.wire().bytes(), sink);
                }
            }
        } catch (RuntimeException e) {
            problem(cycleFile(cycle) + ": unreadable: " + e + "; compacted up to the damage");
            return false;
        }
    }

    private void problem(String p) {
        synchronized (problems) {
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
    }

    /** Roll cycles present on disk, oldest first. */
    public java.util.List<Integer> cycles() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first > last) {
            return out;
        }
        for (Long c : queue.listCyclesBetween(first, last)) {
            out.add(c.intValue());
        }
        return out;
    }

    /** The cycle being appended to (or last appended to), or Integer.MIN_VALUE when empty. */
    public int lastCycle() {
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        return first > last ? Integer.MIN_VALUE : last;
    }

    /** Start of a roll cycle, ms since epoch. */
    public long cycleStartMs(int cycle) {
        return (long) cycle * queue.rollCycle().lengthInMillis();
    }

    private static long startOf(Bytes<?> b) {
        return b.readRemaining() < RollupBucketLayout.HEADER_LENGTH ? Long.MIN_VALUE
            : b.readLong(b.readPosition() + RollupBucketLayout.START_OFFSET);
    }

    private static void skipOne(ExcerptTailer t) {
        try (DocumentContext dc = t.readingDocument()) {
            // consume the document at afterIndex
            dc.isPresent();
        }
    }

    /**
     * Reads documents until the end, or until a bucket starts after {@code stopAfterStartMs}.
     * A cycle file the tailer cannot get through (cut short, or unreadable) while later
     * cycles exist is reported with its path and skipped.
     */
    private void readWhile(ExcerptTailer t, long stopAfterStartMs, IntPredicate skipCycle, IntPredicate wanted,
                           java.util.function.Predicate<RollupBucket> keep, Consumer<RollupBucket> consumer) {
        Consumer<RollupBucket> filtered = b -> {
            if (keep.test(b)) {
                consumer.accept(b);
            }
        };
        while (true) {
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    if (skipBrokenCycle(t, null)) {
                        continue;
                    }
                    return;
                }
                int cycle = t.cycle();
                if (skipCycle.test(cycle)) {
                    dc.rollbackOnClose();
                    if (!moveToCycleAfter(t, cycle)) {
                        return;
                    }
                    continue;
                }
                Bytes<?> b = dc.wire().bytes();
                if (startOf(b) > stopAfterStartMs) {
                    return;
                }
                RollupBucket.readDocument(b, wanted, filtered);
            } catch (RuntimeException e) {
                if (skipBrokenCycle(t, e)) {
                    continue;
                }
                return;
            }
        }
    }

    /** When the tailer stopped short of the last cycle, reports its cycle file and moves to the next cycle. */
    private boolean skipBrokenCycle(ExcerptTailer t, RuntimeException cause) {
        int cycle = t.cycle();
        int last = queue.lastCycle();
        if (cycle >= last) {
            return false;
        }
        int next;
        try {
            next = queue.nextCycle(cycle, net.openhft.chronicle.queue.TailerDirection.FORWARD);
        } catch (java.text.ParseException e) {
            return false;
        }
        if (next <= cycle) {
            return false;
        }
        String file = cycleFile(cycle);
        problem(file + ": " + (cause == null ? "ends before its roll cycle does (cut short?)" : "unreadable: " + cause)
            + "; skipped");
        return t.moveToIndex(queue.rollCycle().toIndex(next, 0));
    }

    private String cycleFile(int cycle) {
        return queue.file().toPath().resolve(cycleName(cycle) + ".cq4").toString();
    }

    /** A roll cycle's file name without its suffix, as Chronicle names it (UTC). */
    public String cycleName(int cycle) {
        return dev.hindsight.storage.files.CycleFiles.name(queue.rollCycle(), cycle);
    }

    /** The queue's directory. */
    public Path directory() {
        return queue.file().toPath();
    }

    /** Damaged cycle files met while reading, each naming its path. */
    public java.util.List<String> problems() {
        synchronized (problems) {
            return java.util.List.copyOf(problems);
        }
    }

    public long resolutionMs() {
        return resolutionMs;
    }

    /** How far out of start order buckets are written at most: resolution + flush grace. */
    public long slackMs() {
        return slackMs;
    }

    public SingleChronicleQueue queue() {
        return queue;
    }

    public long appendedCount() {
        return appended;
    }

    public long droppedCount() {
        return dropped;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        flush();
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
