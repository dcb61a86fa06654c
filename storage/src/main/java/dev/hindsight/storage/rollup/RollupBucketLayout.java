package dev.hindsight.storage.rollup;

/**
 * Layout of one closed rollup bucket: one Chronicle Queue document per bucket per series,
 * in {@code <data_dir>/rollup/<resolution>/}. All integers little-endian, doubles IEEE 754.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |            version            |           reserved            |  0
 *  +-------------------------------+-------------------------------+
 *  |                           series id                           |  4
 *  +---------------------------------------------------------------+
 *  |                  bucket start (ms since epoch)                |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        sample count                           | 16
 *  +---------------------------------------------------------------+
 *  |                           reserved                            | 20
 *  +---------------------------------------------------------------+
 *  |                        sum (float64)                          | 24
 *  |                        min (float64)                          | 32
 *  |                        max (float64)                          | 40
 *  |                        last (float64)                         | 48
 *  |          counter: reset-adjusted increase (float64)           | 56
 *  +---------------------------------------------------------------+  64
 * </pre>
 * The bucket covers {@code [start, start + resolution)}; the resolution is the queue's.
 */
public final class RollupBucketLayout {
    public static final int VERSION = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int RESERVED_OFFSET = VERSION_OFFSET + 2;
    public static final int SERIES_ID_OFFSET = RESERVED_OFFSET + 2;
    public static final int START_OFFSET = SERIES_ID_OFFSET + 4;
    public static final int COUNT_OFFSET = START_OFFSET + 8;
    public static final int RESERVED2_OFFSET = COUNT_OFFSET + 4;
    public static final int SUM_OFFSET = RESERVED2_OFFSET + 4;
    public static final int MIN_OFFSET = SUM_OFFSET + 8;
    public static final int MAX_OFFSET = MIN_OFFSET + 8;
    public static final int LAST_OFFSET = MAX_OFFSET + 8;
    public static final int COUNTER_OFFSET = LAST_OFFSET + 8;
    public static final int LENGTH = COUNTER_OFFSET + 8;

    private RollupBucketLayout() {
    }
}
