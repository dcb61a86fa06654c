package dev.hindsight.storage.head;

/** Bit access to a {@code long[]} stream, most significant bit of each word first. */
final class Bits {
    private Bits() {
    }

    /** Writes the low {@code n} (1..64) bits of {@code v} at bit {@code pos}; the bits there must be zero. */
    static void put(long[] words, int pos, long v, int n) {
        long x = n == 64 ? v : v & ((1L << n) - 1);
        int idx = pos >>> 6;
        int free = 64 - (pos & 63);
        if (n <= free) {
            words[idx] |= x << (free - n);
        } else {
            words[idx] |= x >>> (n - free);
            words[idx + 1] = x << (64 - (n - free));
        }
    }

    /**
     * The 64 bits from {@code pos}, first at the top; zeros past the end of the array. Bits
     * past the last published sample may be anything: callers use only their own.
     */
    static long peek(long[] words, int pos) {
        int idx = pos >>> 6;
        int off = pos & 63;
        long w = words[idx] << off;
        if (off != 0 && idx + 1 < words.length) {
            w |= words[idx + 1] >>> (64 - off);
        }
        return w;
    }

    /** The {@code n} (1..64) bits from {@code pos}, as an unsigned number. */
    static long get(long[] words, int pos, int n) {
        return peek(words, pos) >>> (64 - n);
    }
}
