package dev.hindsight.storage.rollup;

import dev.hindsight.storage.select.Aggregate;
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

    /** Writes this bucket at the bytes' write position ({@link RollupBucketLayout#LENGTH} bytes). */
    public void write(Bytes<?> b) {
        long p = b.writePosition();
        b.writeShort((short) RollupBucketLayout.VERSION);
        b.writeShort((short) 0);
        b.writeInt(seriesId);
        b.writeLong(startMs);
        b.writeInt(count);
        b.writeInt(0);
        b.writeDouble(sum);
        b.writeDouble(min);
        b.writeDouble(max);
        b.writeDouble(last);
        b.writeDouble(counter);
        assert b.writePosition() - p == RollupBucketLayout.LENGTH;
    }

    /** Reads a bucket at the read position, or null when the record is short or of an unknown version. */
    public static RollupBucket read(Bytes<?> b) {
        long p = b.readPosition();
        if (b.readRemaining() < RollupBucketLayout.LENGTH
            || b.readShort(p + RollupBucketLayout.VERSION_OFFSET) != RollupBucketLayout.VERSION) {
            return null;
        }
        return new RollupBucket(
            b.readInt(p + RollupBucketLayout.SERIES_ID_OFFSET),
            b.readLong(p + RollupBucketLayout.START_OFFSET),
            b.readInt(p + RollupBucketLayout.COUNT_OFFSET),
            b.readDouble(p + RollupBucketLayout.SUM_OFFSET),
            b.readDouble(p + RollupBucketLayout.MIN_OFFSET),
            b.readDouble(p + RollupBucketLayout.MAX_OFFSET),
            b.readDouble(p + RollupBucketLayout.LAST_OFFSET),
            b.readDouble(p + RollupBucketLayout.COUNTER_OFFSET));
    }
}
