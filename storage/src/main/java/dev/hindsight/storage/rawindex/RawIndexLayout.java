package dev.hindsight.storage.rawindex;

/**
 * Layout of a raw-log index file ({@code <data>/raw/<cycle>.hri}): per container, the runs of
 * its sample records in one finished roll cycle of the raw log. Little-endian; see
 * {@code storage/docs/format/raw-index.md}.
 * <pre>
 *  header (64 bytes):
 *     0 magic i32 "HRI1" | 4 version u16 = 1 | 6 reserved u16 | 8 roll cycle i32
 *    12 container count C i32 | 16 time origin ms i64 (the cycle's first sample) | 24 record count N i64
 *    32 smallest record timestamp ms i64 | 40 largest record timestamp ms i64
 *    48 run data length D i64 | 56 CRC-32C of the run data i32
 *    60 CRC-32C of bytes 0..59 and of the container table i32
 *  container table (C entries of 16 bytes, ascending container id):
 *     0 container id i32 | 4 its run count i32 | 8 offset of its first run in the run data i64
 *  run data (D bytes; each container's runs together, in queue order), one run:
 *     varint  sequence gap: first sequence - (previous run's last sequence + 1), 0 before the first
 *     varint  records in the run - 1
 *     zigzag varint  timestamp delta-of-delta: (ts - previous ts) - previous (ts - previous ts),
 *                    from the time origin and a delta of 0 before the first run
 * </pre>
 * A run is a stretch of consecutive sequence numbers holding records of one container with
 * one timestamp (a container sample and its interface and device samples). The file is
 * exactly {@code 64 + 16 C + D} bytes.
 */
public final class RawIndexLayout {
    public static final int MAGIC = 0x31495248; // "HRI1" little-endian
    public static final int VERSION = 1;
    public static final String SUFFIX = ".hri";

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    public static final int CYCLE_OFFSET = VERSION_OFFSET + 4;
    public static final int CONTAINER_COUNT_OFFSET = CYCLE_OFFSET + 4;
    public static final int ORIGIN_OFFSET = CONTAINER_COUNT_OFFSET + 4;
    public static final int RECORD_COUNT_OFFSET = ORIGIN_OFFSET + 8;
    public static final int MIN_TIME_OFFSET = RECORD_COUNT_OFFSET + 8;
    public static final int MAX_TIME_OFFSET = MIN_TIME_OFFSET + 8;
    public static final int DATA_LENGTH_OFFSET = MAX_TIME_OFFSET + 8;
    public static final int DATA_CRC_OFFSET = DATA_LENGTH_OFFSET + 8;
    public static final int CRC_OFFSET = DATA_CRC_OFFSET + 4;
    public static final int HEADER_LENGTH = CRC_OFFSET + 4;

    public static final int ENTRY_CONTAINER_OFFSET = 0;
    public static final int ENTRY_RUNS_OFFSET = ENTRY_CONTAINER_OFFSET + 4;
    public static final int ENTRY_DATA_OFFSET = ENTRY_RUNS_OFFSET + 4;
    public static final int ENTRY_LENGTH = ENTRY_DATA_OFFSET + 8;

    /** Longest run a reader is handed at once (runs are split at this length when written). */
    public static final int MAX_RUN = (1 << 24) - 1;

    private RawIndexLayout() {
    }

    /** Offset of the run data in a file with {@code containers} containers. */
    public static long dataOffset(int containers) {
        return HEADER_LENGTH + (long) ENTRY_LENGTH * containers;
    }

    /** Size of a file with {@code containers} containers and {@code dataLength} bytes of runs. */
    public static long fileLength(int containers, long dataLength) {
        return dataOffset(containers) + dataLength;
    }
}
