package dev.hindsight.storage.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A decoded event record; see {@link EventLayout}. */
public record ContainerEvent(int containerId, long timestampMs, EventType type, long value) {

    public int encode(MutableDirectBuffer b, int offset) {
        RecordHeader.write(b, offset, RecordType.EVENT, EventLayout.VERSION, containerId, timestampMs);
        b.putInt(offset + EventLayout.EVENT_TYPE_OFFSET, type.code);
        b.putInt(offset + EventLayout.RESERVED_OFFSET, 0);
        b.putLong(offset + EventLayout.VALUE_OFFSET, value);
        return EventLayout.LENGTH;
    }

    /** Decodes an event, or returns null when its type code is unknown. */
    public static ContainerEvent decode(DirectBuffer b, int offset) {
        EventType type = EventType.ofCode(b.getInt(offset + EventLayout.EVENT_TYPE_OFFSET));
        if (type == null) {
            return null;
        }
        return new ContainerEvent(RecordHeader.containerId(b, offset), RecordHeader.timestampMs(b, offset), type,
                b.getLong(offset + EventLayout.VALUE_OFFSET));
    }
}
