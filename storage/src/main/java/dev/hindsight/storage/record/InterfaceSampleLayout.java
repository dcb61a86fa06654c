package dev.hindsight.storage.record;

/**
 * Layout of a per-interface network sample of one container (from /proc/&lt;pid&gt;/net/dev).
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 header (16 bytes, RecordHeader)               |
 *  +---------------------------------------------------------------+
 *  |     interface name: 16 bytes ASCII, NUL padded (IFNAMSIZ)     |
 *  +---------------------------------------------------------------+
 *  |  rx bytes | rx packets | rx errors | rx dropped   (4 x int64) |
 *  +---------------------------------------------------------------+
 *  |  tx bytes | tx packets | tx errors | tx dropped   (4 x int64) |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class InterfaceSampleLayout {
    public static final int VERSION = 1;
    public static final int NAME_LENGTH = 16;
    public static final int NAME_OFFSET = RecordHeader.LENGTH;
    public static final int RX_BYTES_OFFSET = NAME_OFFSET + NAME_LENGTH;
    public static final int RX_PACKETS_OFFSET = RX_BYTES_OFFSET + 8;
    public static final int RX_ERRORS_OFFSET = RX_PACKETS_OFFSET + 8;
    public static final int RX_DROPPED_OFFSET = RX_ERRORS_OFFSET + 8;
    public static final int TX_BYTES_OFFSET = RX_DROPPED_OFFSET + 8;
    public static final int TX_PACKETS_OFFSET = TX_BYTES_OFFSET + 8;
    public static final int TX_ERRORS_OFFSET = TX_PACKETS_OFFSET + 8;
    public static final int TX_DROPPED_OFFSET = TX_ERRORS_OFFSET + 8;
    public static final int LENGTH = TX_DROPPED_OFFSET + 8;

    private InterfaceSampleLayout() {
    }
}
