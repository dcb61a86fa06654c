package dev.hindsight.storage.rawindex;

import java.nio.ByteBuffer;

/** Unsigned LEB128 varints (7 bits a byte, low groups first) and zigzag for signed values. */
final class Varints {
    static final int MAX_LENGTH = 10;

    private Varints() {
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Writes {@code v} at {@code at}; returns the position after it. */
    static int put(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    /**
     * Reads the varint at {@code cursor[0]} of {@code b} (absolute positions below {@code limit})
     * and advances the cursor; returns -1 with the cursor at {@code limit} when it runs past it.
     */
    static long get(ByteBuffer b, long[] cursor, long limit) {
        long v = 0;
        int shift = 0;
        long at = cursor[0];
        while (at < limit && shift < 64) {
            int x = b.get((int) at++);
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                cursor[0] = at;
                return v;
            }
            shift += 7;
        }
        cursor[0] = limit;
        return -1;
    }
}
