package dev.hindsight.storage.rollup;

import dev.hindsight.storage.select.Aggregate;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One closed bucket of one series.
 *
 * @param counter reset-adjusted increase from the last sample before the bucket to the
 *                last sample in it (0 for a series' very first bucket's first sample)
 */
public record RollupBucket(int seriesId, long startMs, int count, double sum, double min, double max, double last,
                           double counter) {

    /** The aggregate a query asked for. */
    public double get(Aggregate a) {
        return switch (a) {
            case COUNT -> count;
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case LAST, RAW -> last;
            case COUNTER -> counter;
        };
    }

    /** Hands this bucket to a row sink. */
    public void emitTo(RowSink sink) {
        sink.row(startMs, count, sum, min, max, last, counter);
    }

    /** Writes this bucket as one version-2 entry at the write position ({@link RollupBucketLayout#ENTRY_LENGTH} bytes). */
    public void writeEntry(Bytes<?> b) {
        b.writeInt(seriesId);
        b.writeInt(count);
        b.writeLong(startMs);
        b.writeDouble(sum);
        b.writeDouble(min);
        b.writeDouble(max);
        b.writeDouble(last);
        b.writeDouble(counter);
    }

    /**
     * Hands every bucket of the document at the read position, version 2 (a batch) or 1 (one
     * bucket), to {@code out}'s primitive {@link BucketSink#emit(int, long, int, double, double,
     * double, double, double)}: no object per bucket. Returns false, delivering nothing, for a
     * short document or an unknown version.
     */
    static boolean readDocument(Bytes<?> b, BucketSink out) {
        return readDocument(b, id -> true, out);
    }

    /** As {@link #readDocument(Bytes, BucketSink)}, for the series {@code wanted} accepts only. */
    static boolean readDocument(Bytes<?> b, IntPredicate wanted, BucketSink out) {
        long p = b.readPosition();
        long remaining = b.readRemaining();
        if (remaining < RollupBucketLayout.HEADER_LENGTH) {
            return false;
        }
        int version = b.readShort(p + RollupBucketLayout.VERSION_OFFSET);
        if (version == RollupBucketLayout.VERSION) {
            int n = b.readInt(p + RollupBucketLayout.BATCH_COUNT_OFFSET);
            if (n < 0 || remaining < RollupBucketLayout.HEADER_LENGTH + (long) n * RollupBucketLayout.ENTRY_LENGTH) {
                return false;
            }
            long e = p + RollupBucketLayout.HEADER_LENGTH;
            for (int i = 0; i < n; i++, e += RollupBucketLayout.ENTRY_LENGTH) {
                int series = b.readInt(e + RollupBucketLayout.ENTRY_SERIES_OFFSET);
                if (wanted.test(series)) {
                    emit(b, out, series, b.readLong(e + RollupBucketLayout.ENTRY_START_OFFSET),
                        b.readInt(e + RollupBucketLayout.ENTRY_COUNT_OFFSET), e + RollupBucketLayout.ENTRY_SUM_OFFSET);
                }
            }
            return true;
        }
        if (version == RollupBucketLayout.VERSION_SINGLE && remaining >= RollupBucketLayout.SINGLE_LENGTH) {
            int series = b.readInt(p + RollupBucketLayout.SINGLE_SERIES_ID_OFFSET);
            if (wanted.test(series)) {
                emit(b, out, series, b.readLong(p + RollupBucketLayout.START_OFFSET),
                    b.readInt(p + RollupBucketLayout.SINGLE_COUNT_OFFSET), p + RollupBucketLayout.SINGLE_SUM_OFFSET);
            }
            return true;
        }
        return false;
    }

    /**
     * One bucket to {@code out}, its five doubles read from {@code sumAt} on: both versions
     * lay out sum, min, max, last and counter one after another.
     */
    private static void emit(Bytes<?> b, BucketSink out, int series, long start, int count, long sumAt) {
        out.emit(series, start, count, b.readDouble(sumAt), b.readDouble(sumAt + 8), b.readDouble(sumAt + 16),
            b.readDouble(sumAt + 24), b.readDouble(sumAt + 32));
    }

    /**
     * Delivers every bucket of the document at the read position, version 2 (a batch) or 1
     * (one bucket); returns false, delivering nothing, for a short document or an unknown
     * version.
     */
    public static boolean readDocument(Bytes<?> b, Consumer<RollupBucket> out) {
        return readDocument(b, id -> true, out);
    }

    /** As {@link #readDocument(Bytes, Consumer)}, for the series {@code wanted} accepts only. */
    public static boolean readDocument(Bytes<?> b, IntPredicate wanted,
                                       Consumer<RollupBucket> out) {
        return readDocument(b, wanted, (BucketSink) out::accept);
    }
}
