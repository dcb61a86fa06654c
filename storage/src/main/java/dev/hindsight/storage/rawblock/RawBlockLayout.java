package dev.hindsight.storage.rawblock;

/**
 * Layout of a raw block file ({@code <data>/raw/<cycle>.hrs}): one finished roll cycle's
 * samples, series by series. Little-endian; the series streams are big-endian words.
 * See {@code storage/docs/format/raw-block.md}.
 *
 * <pre>
 *   0 +------------------+------------+-----------+
 *     | magic (4)        | version(2) | reserved  |
 *   8 | cycle (4)        | containers C (4)       |
 *  16 | series S (4)     | reserved (4)           |
 *  24 | records (8): sample records of the cycle  |
 *  32 | samples (8): samples in the streams       |
 *  40 | minTimeMs (8)                             |
 *  48 | maxTimeMs (8)                             |
 *  56 | dataLength D (8)                          |
 *  64 | crc (4)          | reserved (4)           |
 *  72 +-------------------------------------------+
 *     | C container entries of 16 bytes           |  id (4), reserved (4), specPrint (8)
 *     | S series entries of 40 bytes              |  id (4), count (4), offset (8), length (4),
 *     |                                           |  crc (4), minTimeMs (8), maxTimeMs (8)
 *     | D bytes of series streams                 |
 *     +-------------------------------------------+
 * </pre>
 * {@code crc} is the CRC-32C of bytes 0–63 and of both tables; each series entry carries
 * the CRC-32C of its stream.
 */
final class RawBlockLayout {
    static final String SUFFIX = ".hrs";
    static final int MAGIC = 0x31535248; // "HRS1" little-endian
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int CYCLE_OFFSET = VERSION_OFFSET + 4;
    static final int CONTAINER_COUNT_OFFSET = CYCLE_OFFSET + 4;
    static final int SERIES_COUNT_OFFSET = CONTAINER_COUNT_OFFSET + 4;
    static final int RECORD_COUNT_OFFSET = SERIES_COUNT_OFFSET + 8;
    static final int SAMPLE_COUNT_OFFSET = RECORD_COUNT_OFFSET + 8;
    static final int MIN_TIME_OFFSET = SAMPLE_COUNT_OFFSET + 8;
    static final int MAX_TIME_OFFSET = MIN_TIME_OFFSET + 8;
    static final int DATA_LENGTH_OFFSET = MAX_TIME_OFFSET + 8;
    static final int CRC_OFFSET = DATA_LENGTH_OFFSET + 8;
    static final int HEADER_LENGTH = CRC_OFFSET + 8;

    static final int CONTAINER_ID_OFFSET = 0;
    static final int CONTAINER_PRINT_OFFSET = 8;
    static final int CONTAINER_ENTRY_LENGTH = 16;

    static final int SERIES_ID_OFFSET = 0;
    static final int SERIES_COUNT_IN_ENTRY_OFFSET = SERIES_ID_OFFSET + 4;
    static final int SERIES_DATA_OFFSET = SERIES_COUNT_IN_ENTRY_OFFSET + 4;
    static final int SERIES_LENGTH_OFFSET = SERIES_DATA_OFFSET + 8;
    static final int SERIES_CRC_OFFSET = SERIES_LENGTH_OFFSET + 4;
    static final int SERIES_MIN_TIME_OFFSET = SERIES_CRC_OFFSET + 4;
    static final int SERIES_MAX_TIME_OFFSET = SERIES_MIN_TIME_OFFSET + 8;
    static final int SERIES_ENTRY_LENGTH = SERIES_MAX_TIME_OFFSET + 8;

    private RawBlockLayout() {
    }

    static long seriesTableOffset(int containers) {
        return HEADER_LENGTH + (long) containers * CONTAINER_ENTRY_LENGTH;
    }

    static long dataOffset(int containers, int series) {
        return seriesTableOffset(containers) + (long) series * SERIES_ENTRY_LENGTH;
    }
}
