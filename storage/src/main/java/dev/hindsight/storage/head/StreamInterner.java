package dev.hindsight.storage.head;

import java.util.Arrays;

/**
 * Shares identical sealed streams between chunks. The series of one container get the same
 * timestamps (one record, stamped once) and seal their chunks at the same sample, so their
 * sealed timestamp streams are equal word for word and one array can serve them all; so can
 * the value streams of series that stay at one value (zero counters, limits) in any
 * container. A small direct-mapped table of recently sealed streams, indexed by a hash of
 * the words: bounded memory, no pruning, and a miss only costs the sharing.
 *
 * <p>Threads: ingest thread only. The arrays it hands out are never written again.
 */
final class StreamInterner {
    private static final int SLOTS = 1 << 12;

    // ---- ingest thread only ----
    private final long[][] slots = new long[SLOTS][];

    /**
     * An array holding exactly {@code words[0, n)}: an earlier, identical one when the table
     * has it, else a new copy, remembered for the next chunks.
     */
    long[] intern(long[] words, int n) {
        long h = n;
        for (int i = 0; i < n; i++) {
            h = (h ^ words[i]) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32; // carry high bits down, or words differing only there collide
        }
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL; // a 64-bit finalizer: every bit moves the slot
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        int slot = (int) (h ^ (h >>> 33)) & (SLOTS - 1);
        long[] known = slots[slot];
        if (known != null && Arrays.equals(known, 0, known.length, words, 0, n)) {
            return known;
        }
        long[] copy = Arrays.copyOf(words, n);
        slots[slot] = copy;
        return copy;
    }
}
