package dev.hindsight.storage.head;

import dev.hindsight.storage.codec.ScaledIntegers;

/**
 * Decodes one {@link Chunk}'s published samples forward, the inverse of {@link ChunkWriter};
 * reusable across chunks, so a cursor allocates nothing per chunk.
 *
 * <p>Threads: any; {@link #reset} reads the chunk's volatile count and then its streams, and
 * the reader decodes no further than that count.
 */
final class ChunkReader {
    // ---- one reader thread ----
    private Chunk chunk;
    private long[] times;
    private long[] values;
    /** Where a spilled value stream is copied to be decoded; reused. */
    private long[] spillCopy = new long[64];
    private int count;
    private int index;
    private int timePos;
    private int valuePos;
    private long time;
    private long delta;
    private long valueBits;
    private int leading;
    private int trailing;
    /** Whether {@code 10} is a scaled difference (scale, length below) rather than an XOR. */
    private boolean scaledWindow;
    private int windowScale;
    private int windowLength;
    /**
     * The integer of the current value under scale {@code scaledK} when the value came from a
     * scaled difference ({@code -1}: not known): the writer's integer for it, so the next
     * difference is added to it without converting the value back.
     */
    private long scaledN;
    private int scaledK = -1;

    /** Positions before the first sample of {@code c}, taking a snapshot of its published samples. */
    void reset(Chunk c) {
        count = c.count; // volatile read first: everything up to count is in the streams and marks read next
        chunk = c;
        times = c.times;
        long[] vs = c.values;
        if (vs == null) { // spilled: the fields read next were written before values became null
            spillCopy = c.spilledIn.read(c.spillOffset, spillCopy);
            vs = spillCopy;
        }
        values = vs;
        index = -1;
        timePos = 0;
        valuePos = 0;
        time = c.firstTime;
        delta = 0;
        leading = 0;
        trailing = 0;
        scaledWindow = false;
        scaledK = -1;
    }

    /**
     * Moves forward to the last mark whose sample is before {@code t}, when there is one past
     * the current position: the next {@link #next} then decodes the sample after it, so the
     * samples skipped are all before {@code t}.
     */
    void skipBefore(long t) {
        long[] marks = chunk.marks; // read after count (in reset): marks of published samples are visible
        if (marks == null) {
            return;
        }
        for (int j = marks.length / Chunk.MARK_LONGS - 1; j >= 0; j--) {
            int sample = (j + 1) * Chunk.MARK_EVERY;
            int at = j * Chunk.MARK_LONGS;
            if (sample >= count || sample <= index || marks[at] >= t) {
                continue;
            }
            index = sample;
            time = marks[at];
            delta = marks[at + 1];
            valueBits = marks[at + 2];
            scaledK = -1;
            long packed = marks[at + 3];
            timePos = (int) (packed >>> 40);
            valuePos = (int) (packed >>> 16) & 0xFFFFFF;
            int windowByte = (int) (packed >>> 8) & 0xFF;
            scaledWindow = (windowByte & Chunk.SCALED_WINDOW_FLAG) != 0;
            if (scaledWindow) {
                windowScale = windowByte & ~Chunk.SCALED_WINDOW_FLAG;
                windowLength = (int) packed & 0xFF;
            } else {
                leading = windowByte;
                trailing = (int) packed & 0xFF;
            }
            return;
        }
    }

    /** Decodes the next sample; false when the snapshot has no more. */
    boolean next() {
        if (index + 1 >= count) {
            return false;
        }
        index++;
        if (index == 0) {
            valueBits = Bits.get(values, 0, 64);
            valuePos = 64;
            return true;
        }
        readDod();
        readXor();
        return true;
    }

    long time() {
        return time;
    }

    double value() {
        return Double.longBitsToDouble(valueBits);
    }

    /** The next timestamp: a delta-of-delta whose bucket's rank is the run of one bits it starts with. */
    private void readDod() {
        long w = Bits.peek(times, timePos);
        int rank = Long.numberOfLeadingZeros(~w);
        long dod;
        if (rank == 0) {
            dod = 0;
            timePos++;
        } else if (rank < ChunkWriter.RAW_DOD_RANK) {
            int width = ChunkWriter.DOD_BITS[rank - 1];
            dod = (w << (rank + 1)) >> (64 - width); // the payload, sign-extended
            timePos += rank + 1 + width;
        } else {
            dod = Bits.get(times, timePos + ChunkWriter.RAW_DOD_RANK, 64);
            timePos += ChunkWriter.RAW_DOD_RANK + 64;
        }
        delta += dod;
        time += delta;
    }

    /**
     * The next value: 0 same, 10 inside the previous window (an XOR one, or a scaled one),
     * 110 a new XOR window, 111 a new scaled window with its difference.
     */
    private void readXor() {
        long w = Bits.peek(values, valuePos);
        if (w >= 0) {
            valuePos++;
            return; // same value
        }
        int at = 2;
        if (w << 1 < 0) {
            if (w << 2 < 0) {
                int k = (int) (w << 3 >>> 62);
                int length = (int) (w << 5 >>> 58) + 1;
                scaledWindow = true;
                windowScale = k;
                windowLength = length;
                readScaled(w, 3 + ChunkWriter.SCALED_HEADER_BITS, k, length);
                return;
            }
            leading = (int) (w << 3 >>> 59);
            trailing = 64 - leading - ((int) (w << 8 >>> 58) + 1);
            scaledWindow = false;
            at = 3 + ChunkWriter.WINDOW_HEADER_BITS;
        } else if (scaledWindow) {
            readScaled(w, 2, windowScale, windowLength);
            return;
        }
        int sig = 64 - leading - trailing;
        long xor = at + sig <= 64 ? (w << at) >>> (64 - sig) : Bits.get(values, valuePos + at, sig);
        valuePos += at + sig;
        valueBits ^= xor << trailing;
        scaledK = -1;
    }

    /**
     * A value stored as the difference of two integers times one of {@link ScaledIntegers}'s factors:
     * {@code length} bits of zigzag after an {@code at}-bit prefix (and header).
     */
    private void readScaled(long w, int at, int k, int length) {
        long zigzag = at + length <= 64 ? (w << at) >>> (64 - length) : Bits.get(values, valuePos + at, length);
        valuePos += at + length;
        long d = (zigzag >>> 1) ^ -(zigzag & 1);
        long base = k == scaledK ? scaledN : ScaledIntegers.integerOf(Double.longBitsToDouble(valueBits), k);
        long n = base + d;
        valueBits = Double.doubleToRawLongBits(ScaledIntegers.fromInteger(n, k));
        scaledN = n;
        scaledK = k;
    }
}
