package dev.hindsight.storage.record;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Machine info: topology, capacity and devices, as one JSON document (written at start and
 * when it changes, so its structure can grow without a layout change).
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |          header (16 bytes, RecordHeader, container id 0)      |
 *  +-------------------------------+-------------------------------+
 *  |     JSON length (int32)       |  JSON, UTF-8 ...              |
 *  +-------------------------------+-------------------------------+
 * </pre>
 */
public final class MachineInfoCodec {
    public static final int VERSION = 1;
    public static final int JSON_LENGTH_OFFSET = RecordHeader.LENGTH;
    public static final int JSON_OFFSET = JSON_LENGTH_OFFSET + 4;

    private MachineInfoCodec() {
    }

    public static int encode(long timestampMs, String json, MutableDirectBuffer b, int offset) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RecordHeader.write(b, offset, RecordType.MACHINE_INFO, VERSION, 0, timestampMs);
        b.putInt(offset + JSON_LENGTH_OFFSET, bytes.length);
        b.putBytes(offset + JSON_OFFSET, bytes);
        return JSON_OFFSET + bytes.length;
    }

    /** The JSON text, or null when the length field runs past the record. */
    public static String decode(DirectBuffer b, int offset, int length) {
        int n = b.getInt(offset + JSON_LENGTH_OFFSET);
        if (n < 0 || JSON_OFFSET + n > length) {
            return null;
        }
        byte[] bytes = new byte[n];
        b.getBytes(offset + JSON_OFFSET, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
