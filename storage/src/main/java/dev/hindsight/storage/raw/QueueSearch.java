package dev.hindsight.storage.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.ToLongFunction;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Binary search over a Chronicle Queue whose documents carry a (nearly) non-decreasing key,
 * such as a timestamp: first over the roll cycles (by each cycle's first document), then
 * over the sequence numbers within one cycle. Cost: O(log cycles + log documents) reads.
 * A document that cannot be read counts as "not below the target", so a damaged file makes
 * the search start earlier (the reader then skips the damage), never later.
 */
public final class QueueSearch {
    private QueueSearch() {
    }

    /**
     * Moves the tailer to the first document of the cycle-and-position where the key first
     * reaches {@code target}; to the end when every key is smaller.
     */
    public static void seek(SingleChronicleQueue queue, ExcerptTailer tailer, ToLongFunction<Bytes<?>> key, long target) {
        // Cycles from the directory listing, not lastIndex(): that reads the newest cycle file,
        // whose pages a full disk may have left unbacked.
        int firstCycle = queue.firstCycle();
        int lastCycle = queue.lastCycle();
        if (firstCycle > lastCycle) {
            tailer.toEnd();
            return;
        }
        RollCycle rc = queue.rollCycle();
        NavigableSet<Long> set = queue.listCyclesBetween(firstCycle, lastCycle);
        List<Integer> cycles = new ArrayList<>(set.size());
        for (Long c : set) {
            cycles.add(c.intValue());
        }
        // last cycle whose first key is below the target
        int lo = 0;
        int hi = cycles.size() - 1;
        int chosen = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keyAt(tailer, rc.toIndex(cycles.get(mid), 0), key);
            if (k != Long.MIN_VALUE && k < target) {
                chosen = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (chosen < 0) {
            tailer.toStart();
            return;
        }
        int cycle = cycles.get(chosen);
        long count = countInCycle(tailer, rc, cycle);
        long a = 0;
        long b = count; // first seq with key >= target lies in [a, b]
        while (a < b) {
            long mid = (a + b) >>> 1;
            long k = keyAt(tailer, rc.toIndex(cycle, mid), key);
            if (k != Long.MIN_VALUE && k < target) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        if (a < count) {
            tailer.moveToIndex(rc.toIndex(cycle, a));
        } else if (chosen + 1 < cycles.size()) {
            tailer.moveToIndex(rc.toIndex(cycles.get(chosen + 1), 0));
        } else {
            tailer.toEnd();
        }
    }

    private static long countInCycle(ExcerptTailer tailer, RollCycle rc, int cycle) {
        long hi = 1;
        while (tailer.moveToIndex(rc.toIndex(cycle, hi)) && hasDocument(tailer)) {
            hi *= 2;
        }
        long lo = hi / 2; // exists (or 0)
        while (lo + 1 < hi) {
            long mid = (lo + hi) >>> 1;
            if (tailer.moveToIndex(rc.toIndex(cycle, mid)) && hasDocument(tailer)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static boolean hasDocument(ExcerptTailer tailer) {
        long index = tailer.index();
        try (DocumentContext dc = tailer.readingDocument()) {
            boolean present = dc.isPresent();
            if (present) {
                dc.rollbackOnClose();
            }
            return present;
        } finally {
            tailer.moveToIndex(index);
        }
    }

    private static long keyAt(ExcerptTailer tailer, long index, ToLongFunction<Bytes<?>> key) {
        if (!tailer.moveToIndex(index)) {
            return Long.MIN_VALUE;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MIN_VALUE;
            }
            return key.applyAsLong(dc.wire().bytes());
        }
    }
}
