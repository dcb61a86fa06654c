package dev.hindsight.storage.rollup;

/**
 * Layout of a rollup block file ({@code <data_dir>/rollup/<resolution>/<cycle>.hrb}): the
 * buckets of one finished roll cycle of a rollup queue, rewritten series by series so that
 * a query reads only the series it selects. Little-endian; see
 * {@code storage/docs/format/rollup-block.md}. Version 2 (written) encodes each series' rows
 * ({@link BlockRowCodec}); version 1 (still read) kept them as fixed 48-byte rows.
 * <pre>
 *  header (64 bytes):
 *     0 magic i32 "HRB1" | 4 version u16 | 6 reserved u16 | 8 resolution ms i64
 *    16 roll cycle i32 | 20 series count S i32 | 24 bucket count B i64
 *    32 smallest bucket start ms i64 | 40 largest bucket start ms i64
 *    48 CRC-32C of bytes 0..47 and of the series table i32 | 52 reserved i32
 *    56 version 2: encoded bytes D i64 (version 1: 0)
 *  series table (S entries of 24 bytes, ascending series id):
 *     0 series id i32 | 4 bucket count n i32
 *     8 version 2: offset of its encoded rows in the data i64 (version 1: index of its first row)
 *    16 CRC-32C of its rows i32 | 20 version 2: length of its encoded rows i32 (version 1: 0)
 *  version 2 data: D bytes, each series' rows encoded by BlockRowCodec
 *  version 1 rows (B rows of 48 bytes, each series' rows together, ascending start):
 *     0 slot i32: (start - smallest start) / resolution | 4 sample count i32
 *     8 sum f64 | 16 min f64 | 24 max f64 | 32 last f64 | 40 counter increase f64
 * </pre>
 * A version-2 file is exactly {@code 64 + 24 S + D} bytes, a version-1 file {@code 64 + 24 S + 48 B}.
 */
public final class RollupBlockLayout {
    public static final int MAGIC = 0x31425248; // "HRB1" little-endian
    /** The version written: encoded rows. */
    public static final int VERSION = 2;
    /** Fixed 48-byte rows; still read. */
    public static final int VERSION_FIXED_ROWS = 1;
    public static final String SUFFIX = ".hrb";

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int RESOLUTION_OFFSET = 8;
    public static final int CYCLE_OFFSET = 16;
    public static final int SERIES_COUNT_OFFSET = 20;
    public static final int BUCKET_COUNT_OFFSET = 24;
    public static final int MIN_START_OFFSET = 32;
    public static final int MAX_START_OFFSET = 40;
    public static final int CRC_OFFSET = 48;
    public static final int DATA_LENGTH_OFFSET = 56;
    public static final int HEADER_LENGTH = 64;

    public static final int ENTRY_SERIES_OFFSET = 0;
    public static final int ENTRY_COUNT_OFFSET = 4;
    public static final int ENTRY_FIRST_OFFSET = 8;
    public static final int ENTRY_CRC_OFFSET = 16;
    public static final int ENTRY_BYTES_OFFSET = 20;
    public static final int ENTRY_LENGTH = 24;

    public static final int ROW_SLOT_OFFSET = 0;
    public static final int ROW_COUNT_OFFSET = 4;
    public static final int ROW_SUM_OFFSET = 8;
    public static final int ROW_MIN_OFFSET = 16;
    public static final int ROW_MAX_OFFSET = 24;
    public static final int ROW_LAST_OFFSET = 32;
    public static final int ROW_COUNTER_OFFSET = 40;
    public static final int ROW_LENGTH = 48;

    /** Rows per memory-mapped window (768 MiB): files larger than 2 GiB map in several. */
    public static final int ROWS_PER_WINDOW = 1 << 24;

    private RollupBlockLayout() {
    }

    /** Size of a version-1 file with {@code series} series and {@code buckets} fixed rows. */
    public static long fixedRowsFileLength(int series, long buckets) {
        return HEADER_LENGTH + (long) ENTRY_LENGTH * series + (long) ROW_LENGTH * buckets;
    }

    /** Size of a version-2 file with {@code series} series and {@code dataLength} encoded bytes. */
    public static long encodedFileLength(int series, long dataLength) {
        return HEADER_LENGTH + (long) ENTRY_LENGTH * series + dataLength;
    }

    /** Offset of the bucket rows (version 1) or encoded data (version 2). */
    public static long rowsOffset(int series) {
        return HEADER_LENGTH + (long) ENTRY_LENGTH * series;
    }
}
