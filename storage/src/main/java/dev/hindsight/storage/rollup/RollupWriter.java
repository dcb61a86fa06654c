package dev.hindsight.storage.rollup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import net.openhft.chronicle.core.io.IORuntimeException;

/**
 * One resolution's writer: accumulators whose closed buckets go to a {@link RollupQueue},
 * with a checkpoint file so that a restart resumes exactly.
 *
 * <p>Restart protocol: load the checkpoint (closed-bucket ends, counter carries, watermark,
 * raw index to resume from, last queue index it reflects); re-read buckets written after
 * that queue index to bring closed ends and carries up to date; then the caller re-feeds
 * the raw log from {@link #resumeRawIndex()}. Samples of already closed buckets are
 * skipped, open buckets are rebuilt from their first sample. Without a checkpoint but with
 * buckets on disk, every bucket is read instead and the raw log is re-fed from its start.
 *
 * <p>Single-threaded (the ingest thread).
 */
public final class RollupWriter implements AutoCloseable {
    private final RollupQueue queue;
    private final RollupBlocks blocks;
    private final RollupAccumulators acc;
    private final QueueSink sink;
    private final Path checkpointFile;
    private final long checkpointEveryMs;
    private final long resumeRawIndex;
    private final LongSupplier wallClockMs;
    private long lastCheckpointWatermark = Long.MIN_VALUE;
    private long lastCheckpointWallMs = Long.MIN_VALUE;
    private long checkpoints;
    private long checkpointFailures;

    /** A writer whose checkpoints are paced by data time only. */
    public RollupWriter(RollupQueue queue, long graceMs, Path checkpointFile, long checkpointEveryMs) {
        this(queue, graceMs, checkpointFile, checkpointEveryMs, null);
    }

    /**
     * @param checkpointFile    where the checkpoint lives (next to, not inside, the queue directory)
     * @param checkpointEveryMs take a checkpoint when the data watermark has advanced this much
     *                          and, with a wall clock, as much wall time has passed
     * @param wallClockMs       the wall clock, or null for data time only. Live, data and wall time
     *                          advance together; a replay of 30 days covers 43,200 minutes of data
     *                          in two or three minutes, and a checkpoint per data minute (a file
     *                          written and renamed, the queue's cycle files listed) took most
     *                          of the replay's time. A crash during a replay redoes at most
     *                          {@code checkpointEveryMs} of wall time's work.
     */
    public RollupWriter(RollupQueue queue, long graceMs, Path checkpointFile, long checkpointEveryMs,
                        LongSupplier wallClockMs) {
        this.queue = queue;
        this.checkpointFile = checkpointFile;
        this.checkpointEveryMs = checkpointEveryMs;
        this.wallClockMs = wallClockMs;
        this.sink = new QueueSink(queue);
        this.acc = new RollupAccumulators(queue.resolutionMs(), graceMs, sink);
        Optional<RollupCheckpoint> cp = RollupCheckpoint.read(checkpointFile, queue.resolutionMs());
        long after = -1;
        if (cp.isPresent()) {
            cp.get().restoreInto(acc);
            after = cp.get().queueIndex();
            lastCheckpointWatermark = cp.get().watermarkMs();
        }
        queue.readAfter(after, b -> acc.restoreClosed(b.seriesId(), b.startMs() + queue.resolutionMs(), b.last()));
        this.resumeRawIndex = cp.map(RollupCheckpoint::resumeRawIndex).orElse(-1L);
        this.blocks = RollupBlocks.open(queue);
    }

    /**
     * Closed buckets into the queue's pending batch, as primitives; while a batch is added series
     * by series, into {@link StagedBuckets} first, which hands them over in start order.
     */
    private static final class QueueSink implements BucketSink {
        private final RollupQueue queue;
        private final StagedBuckets staged = new StagedBuckets();
        private boolean staging;

        QueueSink(RollupQueue queue) {
            this.queue = queue;
        }

        @Override
        public void emit(RollupBucket bucket) {
            emit(bucket.seriesId(), bucket.startMs(), bucket.count(), bucket.sum(), bucket.min(), bucket.max(),
                bucket.last(), bucket.counter());
        }

        @Override
        public void emit(int seriesId, long startMs, int count, double sum, double min, double max, double last,
                         double counter) {
            if (staging) {
                staged.add(seriesId, startMs, count, sum, min, max, last, counter);
            } else {
                queue.append(seriesId, startMs, count, sum, min, max, last, counter);
            }
        }
    }

    /** Feeds one sample from raw record {@code rawIndex}; records before {@link #resumeRawIndex()} are ignored. */
    public void add(int seriesId, long t, double v, long rawIndex) {
        if (rawIndex < resumeRawIndex) {
            return;
        }
        acc.add(seriesId, t, v, rawIndex);
    }

    /** Resets the accumulator rows of retired series, whose ids may be handed out again (ingest thread). */
    public void forget(java.util.function.IntPredicate retired) {
        acc.forget(retired);
    }

    /** Shrinks the accumulators' rows to {@code ids} series (ids above are all forgotten); ingest thread. */
    public void shrinkTo(int ids) {
        acc.shrinkTo(ids);
    }

    /**
     * Feeds {@code n} samples of raw record {@code rawIndex} in order, as {@link #add} one by
     * one would; nothing when the record comes before {@link #resumeRawIndex()}.
     */
    public void addAll(int[] seriesIds, long[] times, double[] values, int n, long rawIndex) {
        if (rawIndex < resumeRawIndex) {
            return;
        }
        acc.addAll(seriesIds, times, values, n, rawIndex);
    }

    /**
     * Feeds a batch of records' samples ordered by series (see
     * {@link RollupAccumulators#addBySeries}); records before {@link #resumeRawIndex()} are left
     * out. The buckets it closes go to the queue in start order, as record-by-record feeding
     * writes them (the queue's cycles follow bucket starts, and its readers allow buckets only
     * a resolution and the grace out of start order).
     */
    public void addBySeries(int[] ids, double[] values, int[] recs, int n, long[] recordTimes, long[] recordIndexes,
                            int records) {
        sink.staging = true;
        try {
            acc.addBySeries(ids, values, recs, n, recordTimes, recordIndexes, records, resumeRawIndex);
        } finally {
            sink.staging = false;
            sink.staged.drainInStartOrder(queue);
        }
    }

    /** Lets go of the buffers {@link #addBySeries} grew for large batches. */
    public void releaseBatchBuffers() {
        sink.staged.release();
        acc.releaseBatchBuffers();
    }

    /**
     * Called after every sample of one raw record was fed: writes the buckets that closed
     * meanwhile as one document, and takes a checkpoint when the data watermark (and the wall
     * clock, if any) advanced {@code checkpointEveryMs} since the last one. Checkpoints are only
     * taken between records, so a record is never half-reflected in one.
     */
    public void endOfRecord() {
        queue.flush();
        if (acc.watermark() != RollupAccumulators.NONE && checkpointDue()) {
            checkpoint();
        }
    }

    private boolean checkpointDue() {
        if (lastCheckpointWatermark == Long.MIN_VALUE) {
            return true;
        }
        if (acc.watermark() - lastCheckpointWatermark < checkpointEveryMs) {
            return false;
        }
        return wallClockMs == null || lastCheckpointWallMs == Long.MIN_VALUE
            || wallClockMs.getAsLong() - lastCheckpointWallMs >= checkpointEveryMs;
    }

    /**
     * Writes a checkpoint now. Buckets the queue failed to write (a full disk; counted in
     * {@link RollupQueue#droppedCount()}) are not re-derived later: like the raw samples lost
     * to the same full disk, they are gone, and the writer goes on once space returns.
     */
    public void checkpoint() {
        queue.flush();
        long lastBucket;
        try {
            lastBucket = queue.lastIndex();
        } catch (InternalError | IORuntimeException e) {
            // Chronicle maps the newest cycle to find its end; on a full disk that page may be
            // unbacked (an InternalError, bare or wrapped when it hits while a cycle's store is
            // being loaded). The previous checkpoint stays in force, as for a failed write.
            checkpointFailures++;
            return;
        }
        if (RollupCheckpoint.of(acc, lastBucket).write(checkpointFile)) {
            lastCheckpointWatermark = acc.watermark();
            lastCheckpointWallMs = wallClockMs == null ? Long.MIN_VALUE : wallClockMs.getAsLong();
            checkpoints++;
        } else {
            checkpointFailures++;
        }
    }

    /** Checkpoints written since this writer opened. */
    public long checkpointCount() {
        return checkpoints;
    }

    /** Checkpoints that could not be written (the previous one stays in force). */
    public long checkpointFailureCount() {
        return checkpointFailures;
    }

    /** The first raw-log index this writer needs re-fed after a restart (-1: from the start). */
    public long resumeRawIndex() {
        return resumeRawIndex;
    }

    public RollupQueue queue() {
        return queue;
    }

    /** The block files compacted from this resolution's finished cycles; what reads go through. */
    public RollupBlocks blocks() {
        return blocks;
    }

    public long lateCount() {
        return acc.lateCount();
    }

    /** Closes the buckets that end at or before {@code cutoffMs} (e.g. at end of data in a rebuild). */
    public void flushBefore(long cutoffMs) {
        acc.flushBefore(cutoffMs);
        queue.flush();
    }

    /** Checkpoints (open buckets stay open: they are rebuilt from the raw log on restart) and closes. */
    @Override
    public void close() {
        checkpoint();
        queue.close();
    }
}
