package dev.hindsight.storage.record;

import static dev.hindsight.storage.record.InterfaceSampleLayout.*;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Typed access to a per-interface network sample; see {@link InterfaceSampleLayout}. */
public final class InterfaceSampleFlyweight {
    /** Counter order for {@link #counter(int)} and {@link #setCounter(int, long)}. */
    public static final int RX_BYTES = 0, RX_PACKETS = 1, RX_ERRORS = 2, RX_DROPPED = 3,
            TX_BYTES = 4, TX_PACKETS = 5, TX_ERRORS = 6, TX_DROPPED = 7, COUNTERS = 8;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutable;
    private int offset;

    public InterfaceSampleFlyweight wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.mutable = buffer instanceof MutableDirectBuffer m ? m : null;
        this.offset = offset;
        return this;
    }

    /** Starts a record; {@code name} holds {@code nameLength} ASCII bytes (truncated to 16). */
    public InterfaceSampleFlyweight init(int containerId, long timestampMs, byte[] name, int nameLength) {
        RecordHeader.write(mutable, offset, RecordType.INTERFACE_SAMPLE, VERSION, containerId, timestampMs);
        mutable.setMemory(offset + NAME_OFFSET, NAME_LENGTH, (byte) 0);
        mutable.putBytes(offset + NAME_OFFSET, name, 0, Math.min(nameLength, NAME_LENGTH));
        return this;
    }

    public int containerId() {
        return RecordHeader.containerId(buffer, offset);
    }

    public long timestampMs() {
        return RecordHeader.timestampMs(buffer, offset);
    }

    public String name() {
        int n = 0;
        while (n < NAME_LENGTH && buffer.getByte(offset + NAME_OFFSET + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        buffer.getBytes(offset + NAME_OFFSET, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * Word {@code i} (0 or 1) of the name field's 16 bytes as they are stored, NUL padding
     * included: equal words mean an equal {@link #name()}, read without making a String.
     */
    public long nameWord(int i) {
        return buffer.getLong(offset + NAME_OFFSET + 8 * i);
    }

    public long counter(int which) {
        return buffer.getLong(offset + RX_BYTES_OFFSET + 8 * which);
    }

    public InterfaceSampleFlyweight setCounter(int which, long value) {
        mutable.putLong(offset + RX_BYTES_OFFSET + 8 * which, value);
        return this;
    }

    public int length() {
        return LENGTH;
    }
}
