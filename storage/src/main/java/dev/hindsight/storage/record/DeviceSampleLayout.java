package dev.hindsight.storage.record;

/**
 * Layout of a per-block-device I/O sample of one container (blkio.throttle.* or io.stat).
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 header (16 bytes, RecordHeader)               |
 *  +-------------------------------+-------------------------------+
 *  |         device major          |         device minor          |
 *  +-------------------------------+-------------------------------+
 *  | read bytes | write bytes | reads | writes         (4 x int64) |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DeviceSampleLayout {
    public static final int VERSION = 1;
    public static final int MAJOR_OFFSET = RecordHeader.LENGTH;
    public static final int MINOR_OFFSET = MAJOR_OFFSET + 4;
    public static final int READ_BYTES_OFFSET = MINOR_OFFSET + 4;
    public static final int WRITE_BYTES_OFFSET = READ_BYTES_OFFSET + 8;
    public static final int READS_OFFSET = WRITE_BYTES_OFFSET + 8;
    public static final int WRITES_OFFSET = READS_OFFSET + 8;
    public static final int LENGTH = WRITES_OFFSET + 8;

    private DeviceSampleLayout() {
    }
}
