package dev.hindsight.storage.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {
    @Test
    void everyIndexIsWorkedOnceAcrossThreads() {
        try (ParallelReads reads = new ParallelReads(3)) {
            int n = 1_000;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            reads.forRanges(n, (from, to) -> {
                threads.add(Thread.currentThread().getName());
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "index " + i);
            }
            assertTrue(threads.contains(Thread.currentThread().getName()), "the caller takes a range: " + threads);
        }
    }

    @Test
    void fewSeriesStayOnTheCallersThread() {
        try (ParallelReads reads = new ParallelReads(4)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            reads.forRanges(2 * ParallelReads.MIN_PER_RANGE - 1, (from, to) -> threads.add(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }

    @Test
    void aBusyPoolLeavesTheRangesToTheCaller() throws InterruptedException {
        try (ParallelReads reads = new ParallelReads(2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blocked = new CountDownLatch(1);
            // occupy the one pool thread with another selection's range
            Thread other = new Thread(() -> reads.forRanges(2 * ParallelReads.MIN_PER_RANGE, (from, to) -> {
                if (from > 0) {
                    blocked.countDown();
                    await(release);
                }
            }));
            other.start();
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            reads.forRanges(64, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 64; i++) {
                assertEquals(1, hits.get(i), "index " + i);
            }
            release.countDown();
            other.join(10_000);
        }
    }

    @Test
    void aFailingRangeFailsTheWhole() {
        try (ParallelReads reads = new ParallelReads(2)) {
            IllegalStateException boom = new IllegalStateException("damaged");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> reads.forRanges(100,
                (from, to) -> {
                    if (from > 0) {
                        throw boom;
                    }
                }));
            assertSame(boom, thrown);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
