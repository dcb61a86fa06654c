package dev.hindsight.storage.rollup;

/**
 * Layout of the documents of a rollup queue ({@code <data_dir>/rollup/<resolution>/*.cq4}).
 * All integers little-endian, doubles IEEE 754. See {@code storage/docs/format/rollup-bucket.md}.
 *
 * <p>Version 2 (written): one document per batch of closed buckets (those closed while one
 * raw record was ingested, at most {@link #MAX_BATCH}), a 16-byte header and then
 * {@link #ENTRY_LENGTH}-byte entries:
 * <pre>
 *  header:  0 version u16 = 2 | 2 reserved u16 | 4 bucket count i32 | 8 first entry's bucket start i64
 *  entry:   0 series id i32 | 4 sample count i32 | 8 bucket start i64 (ms since epoch)
 *          16 sum f64 | 24 min f64 | 32 max f64 | 40 last f64 | 48 counter increase f64
 * </pre>
 * Version 1 (read only, written by earlier builds): one 64-byte document per bucket,
 * {@code version u16 = 1, reserved u16, series id i32, start i64, count i32, reserved i32,
 * sum, min, max, last, counter}. In both versions the bucket start of the document's first
 * bucket sits at {@link #START_OFFSET}, the key the time search uses.
 */
public final class RollupBucketLayout {
    public static final int VERSION = 2;
    public static final int VERSION_SINGLE = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int BATCH_COUNT_OFFSET = 4;
    public static final int START_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    public static final int ENTRY_SERIES_OFFSET = 0;
    public static final int ENTRY_COUNT_OFFSET = 4;
    public static final int ENTRY_START_OFFSET = 8;
    public static final int ENTRY_SUM_OFFSET = 16;
    public static final int ENTRY_MIN_OFFSET = 24;
    public static final int ENTRY_MAX_OFFSET = 32;
    public static final int ENTRY_LAST_OFFSET = 40;
    public static final int ENTRY_COUNTER_OFFSET = 48;
    public static final int ENTRY_LENGTH = 56;

    /** Buckets per document at most (a 28 KiB document). */
    public static final int MAX_BATCH = 512;

    /** Version 1's single-bucket document. */
    public static final int SINGLE_SERIES_ID_OFFSET = 4;
    public static final int SINGLE_COUNT_OFFSET = 16;
    public static final int SINGLE_SUM_OFFSET = 24;
    public static final int SINGLE_LENGTH = 64;

    private RollupBucketLayout() {
    }
}
