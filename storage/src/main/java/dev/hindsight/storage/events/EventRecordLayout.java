package dev.hindsight.storage.events;

/**
 * Layout of one event in {@code <data_dir>/events/} (a Chronicle Queue, one document per
 * event). Little-endian.
 * <pre>
 *  +-------------------------------+-------------------------------+
 *  |            version            |        event type code        |  0
 *  +-------------------------------+-------------------------------+
 *  |                         container id                          |  4
 *  +---------------------------------------------------------------+
 *  |                   timestamp (ms since epoch)                  |  8
 *  +---------------------------------------------------------------+
 *  |                             value                             | 16
 *  +---------------------------------------------------------------+
 *  |            raw-log index of the event record it came from     | 24
 *  +---------------------------------------------------------------+ 32
 * </pre>
 * The raw index lets a restart skip raw events already stored.
 */
public final class EventRecordLayout {
    public static final int VERSION = 1;
    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = VERSION_OFFSET + 2;
    public static final int CONTAINER_ID_OFFSET = TYPE_OFFSET + 2;
    public static final int TIMESTAMP_OFFSET = CONTAINER_ID_OFFSET + 4;
    public static final int VALUE_OFFSET = TIMESTAMP_OFFSET + 8;
    public static final int RAW_INDEX_OFFSET = VALUE_OFFSET + 8;
    public static final int LENGTH = RAW_INDEX_OFFSET + 8;

    private EventRecordLayout() {
    }
}
