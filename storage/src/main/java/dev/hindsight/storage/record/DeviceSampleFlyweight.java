package dev.hindsight.storage.record;

import static dev.hindsight.storage.record.DeviceSampleLayout.*;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Typed access to a per-device I/O sample; see {@link DeviceSampleLayout}. */
public final class DeviceSampleFlyweight {
    private DirectBuffer buffer;
    private MutableDirectBuffer mutable;
    private int offset;

    public DeviceSampleFlyweight wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.mutable = buffer instanceof MutableDirectBuffer m ? m : null;
        this.offset = offset;
        return this;
    }

    public DeviceSampleFlyweight write(int containerId, long timestampMs, int major, int minor,
                                       long readBytes, long writeBytes, long reads, long writes) {
        RecordHeader.write(mutable, offset, RecordType.DEVICE_SAMPLE, VERSION, containerId, timestampMs);
        mutable.putInt(offset + MAJOR_OFFSET, major);
        mutable.putInt(offset + MINOR_OFFSET, minor);
        mutable.putLong(offset + READ_BYTES_OFFSET, readBytes);
        mutable.putLong(offset + WRITE_BYTES_OFFSET, writeBytes);
        mutable.putLong(offset + READS_OFFSET, reads);
        mutable.putLong(offset + WRITES_OFFSET, writes);
        return this;
    }

    public int containerId() {
        return RecordHeader.containerId(buffer, offset);
    }

    public long timestampMs() {
        return RecordHeader.timestampMs(buffer, offset);
    }

    public int major() {
        return buffer.getInt(offset + MAJOR_OFFSET);
    }

    public int minor() {
        return buffer.getInt(offset + MINOR_OFFSET);
    }

    public long readBytes() {
        return buffer.getLong(offset + READ_BYTES_OFFSET);
    }

    public long writeBytes() {
        return buffer.getLong(offset + WRITE_BYTES_OFFSET);
    }

    public long reads() {
        return buffer.getLong(offset + READS_OFFSET);
    }

    public long writes() {
        return buffer.getLong(offset + WRITES_OFFSET);
    }

    public int length() {
        return LENGTH;
    }
}
