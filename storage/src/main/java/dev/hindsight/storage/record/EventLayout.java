package dev.hindsight.storage.record;

/**
 * Layout of an event record (container created, deleted, OOM, OOM kill).
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 header (16 bytes, RecordHeader)               |
 *  +-------------------------------+-------------------------------+
 *  |       event type code         |           reserved            |
 *  +-------------------------------+-------------------------------+
 *  |   value (int64): for OOM kills the kernel's oom_kill counter  |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class EventLayout {
    public static final int VERSION = 1;
    public static final int EVENT_TYPE_OFFSET = RecordHeader.LENGTH;
    public static final int RESERVED_OFFSET = EVENT_TYPE_OFFSET + 4;
    public static final int VALUE_OFFSET = RESERVED_OFFSET + 4;
    public static final int LENGTH = VALUE_OFFSET + 8;

    private EventLayout() {
    }
}
