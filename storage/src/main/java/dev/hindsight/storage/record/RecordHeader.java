package dev.hindsight.storage.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The 16-byte header every raw-log record starts with.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |          record type          |            version            |
 *  +-------------------------------+-------------------------------+
 *  |                         container id                          |
 *  +---------------------------------------------------------------+
 *  |                     timestamp (ms since epoch)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * All integers little-endian. Container id 0 means "the machine".
 */
public final class RecordHeader {
    public static final int TYPE_OFFSET = 0;
    public static final int VERSION_OFFSET = TYPE_OFFSET + 2;
    public static final int CONTAINER_ID_OFFSET = VERSION_OFFSET + 2;
    public static final int TIMESTAMP_OFFSET = CONTAINER_ID_OFFSET + 4;
    public static final int LENGTH = TIMESTAMP_OFFSET + 8;

    private RecordHeader() {
    }

    public static void write(MutableDirectBuffer b, int offset, RecordType type, int version, int containerId, long timestampMs) {
        b.putShort(offset + TYPE_OFFSET, (short) type.code);
        b.putShort(offset + VERSION_OFFSET, (short) version);
        b.putInt(offset + CONTAINER_ID_OFFSET, containerId);
        b.putLong(offset + TIMESTAMP_OFFSET, timestampMs);
    }

    public static int typeCode(DirectBuffer b, int offset) {
        return b.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    public static int version(DirectBuffer b, int offset) {
        return b.getShort(offset + VERSION_OFFSET) & 0xFFFF;
    }

    public static int containerId(DirectBuffer b, int offset) {
        return b.getInt(offset + CONTAINER_ID_OFFSET);
    }

    public static long timestampMs(DirectBuffer b, int offset) {
        return b.getLong(offset + TIMESTAMP_OFFSET);
    }
}
