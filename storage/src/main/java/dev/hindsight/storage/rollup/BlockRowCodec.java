package dev.hindsight.storage.rollup;

import java.util.Arrays;

/**
 * The encoding of one series' bucket rows in a version-2 block file
 * ({@code storage/docs/format/rollup-block.md}). Rows in ascending slot; per row:
 * <ul>
 *   <li>slot: unsigned varint of the difference to the previous row's slot (the first: to 0);</li>
 *   <li>count: zigzag varint of the difference to the previous row's count;</li>
 *   <li>a flags byte: bit 0 min, bit 1 max, bit 2 last equal to sum (bit for bit) and are left out;</li>
 *   <li>sum, then min, max, last unless flagged, then counter: each XOR-ed with the same column of
 *       the previous row (0 before the first), written as a control byte {@code tz << 4 | len}
 *       (0 for an unchanged value) and the {@code len} bytes left after dropping {@code tz} zero
 *       bytes from the low end, least significant first.</li>
 * </ul>
 * A bucket with one sample (the finest level at the collection interval) costs a few bytes
 * for its time and count and two changed values; the fixed row of version 1 was 48 bytes.
 */
final class BlockRowCodec {
    private static final int MIN_IS_SUM = 1;
    private static final int MAX_IS_SUM = 2;
    private static final int LAST_IS_SUM = 4;

    private BlockRowCodec() {
    }

    /** A growable byte array the encoder appends to; reused for every series of a block. */
    static final class Out {
        private byte[] bytes = new byte[4096];
        private int size;

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        byte[] array() {
            return bytes;
        }

        void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void varint(long v) {
            long x = v;
            while ((x & ~0x7FL) != 0) {
                put((int) ((x & 0x7F) | 0x80));
                x >>>= 7;
            }
            put((int) x);
        }
    }

    /** Encodes rows (fields as in {@link RowSink}, with the slot for the time) one after another. */
    static final class Encoder {
        private final Out out;
        private int slot;
        private int count;
        private long sum;
        private long min;
        private long max;
        private long last;
        private long counter;

        Encoder(Out out) {
            this.out = out;
        }

        void row(int rowSlot, int rowCount, double s, double mn, double mx, double l, double c) {
            out.varint(rowSlot - slot);
            out.varint(zigzag(rowCount - count));
            long sb = Double.doubleToRawLongBits(s);
            long mnb = Double.doubleToRawLongBits(mn);
            long mxb = Double.doubleToRawLongBits(mx);
            long lb = Double.doubleToRawLongBits(l);
            int flags = (mnb == sb ? MIN_IS_SUM : 0) | (mxb == sb ? MAX_IS_SUM : 0) | (lb == sb ? LAST_IS_SUM : 0);
            out.put(flags);
            xor(sb, sum);
            if ((flags & MIN_IS_SUM) == 0) {
                xor(mnb, min);
            }
            if ((flags & MAX_IS_SUM) == 0) {
                xor(mxb, max);
            }
            if ((flags & LAST_IS_SUM) == 0) {
                xor(lb, last);
            }
            long cb = Double.doubleToRawLongBits(c);
            xor(cb, counter);
            slot = rowSlot;
            count = rowCount;
            sum = sb;
            min = mnb;
            max = mxb;
            last = lb;
            counter = cb;
        }

        private void xor(long bits, long prev) {
            long x = bits ^ prev;
            if (x == 0) {
                out.put(0);
                return;
            }
            int tz = Long.numberOfTrailingZeros(x) >>> 3;
            int len = 8 - tz - (Long.numberOfLeadingZeros(x) >>> 3);
            out.put(tz << 4 | len);
            long v = x >>> (tz << 3);
            for (int i = 0; i < len; i++) {
                out.put((int) v);
                v >>>= 8;
            }
        }
    }

    /** Bytes the decoder may read past the end of the encoded rows (it reads values 8 bytes at a time). */
    static final int READ_SLACK = 8;

    private static final java.lang.invoke.VarHandle LONG_LE =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Decodes {@code n} rows starting at {@code in[pos]} and delivers those whose start lies in
     * [fromMs, toMs]; stops after the first row past {@code toMs}. {@code in} must have
     * {@link #READ_SLACK} bytes after the rows. The read position is a local: the one-byte
     * varints (a slot step under 128 buckets, a count change under 64) are read inline.
     */
    static void decode(byte[] in, int pos, int n, long minStartMs, long resolutionMs, long fromMs, long toMs,
            RowSink out) {
        int p = pos;
        long slot = 0;
        int count = 0;
        long sum = 0;
        long min = 0;
        long max = 0;
        long last = 0;
        long counter = 0;
        for (int r = 0; r < n; r++) {
            byte b = in[p];
            if (b >= 0) {
                slot += b;
                p++;
            } else {
                slot += varint(in, p);
                p = skipVarint(in, p);
            }
            b = in[p];
            long zz;
            if (b >= 0) {
                zz = b;
                p++;
            } else {
                zz = varint(in, p);
                p = skipVarint(in, p);
            }
            count += (int) ((zz >>> 1) ^ -(zz & 1));
            int flags = in[p++];
            sum ^= xor(in, p);
            p += xorSize(in, p);
            if ((flags & MIN_IS_SUM) != 0) {
                min = sum;
            } else {
                min ^= xor(in, p);
                p += xorSize(in, p);
            }
            if ((flags & MAX_IS_SUM) != 0) {
                max = sum;
            } else {
                max ^= xor(in, p);
                p += xorSize(in, p);
            }
            if ((flags & LAST_IS_SUM) != 0) {
                last = sum;
            } else {
                last ^= xor(in, p);
                p += xorSize(in, p);
            }
            counter ^= xor(in, p);
            p += xorSize(in, p);
            long start = minStartMs + slot * resolutionMs;
            if (start > toMs) {
                return;
            }
            if (start >= fromMs) {
                out.row(start, count, Double.longBitsToDouble(sum), Double.longBitsToDouble(min),
                    Double.longBitsToDouble(max), Double.longBitsToDouble(last), Double.longBitsToDouble(counter));
            }
        }
    }

    /** The unsigned varint at {@code in[p]}. */
    private static long varint(byte[] in, int p) {
        int at = p;
        byte b = in[at++];
        long v = b & 0x7F;
        int shift = 7;
        while (b < 0) {
            b = in[at++];
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        return v;
    }

    /** The position after the varint at {@code in[p]}. */
    private static int skipVarint(byte[] in, int p) {
        int at = p;
        while (in[at] < 0) {
            at++;
        }
        return at + 1;
    }

    /** One XOR-ed value at {@code in[p]}: its changed bytes read as one little-endian long, masked and shifted into place. */
    private static long xor(byte[] in, int p) {
        int c = in[p] & 0xFF;
        if (c == 0) {
            return 0;
        }
        int len = c & 0x0F;
        long v = (long) LONG_LE.get(in, p + 1);
        if (len < 8) {
            v &= (1L << (len << 3)) - 1;
        }
        return v << ((c >>> 4) << 3);
    }

    /** Bytes of the XOR-ed value at {@code in[p]}: its control byte and the {@code len} bytes after it. */
    private static int xorSize(byte[] in, int p) {
        return 1 + (in[p] & 0x0F);
    }

    private static long zigzag(int v) {
        return ((long) v << 1) ^ ((long) v >> 63);
    }
}
