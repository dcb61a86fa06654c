package dev.hindsight.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readers running while the ingest thread appends (and trims) only ever see complete samples:
 * a contiguous run of what was appended, bit-exact, never shrinking at its newest end.
 */
class HeadConcurrencyTest {
    private static final int N = 300_000;

    private final long[] ts = new long[N];
    private final double[] vs = new double[N];

    HeadConcurrencyTest() {
        SplittableRandom r = new SplittableRandom(99);
        long t = 1_700_000_000_000L;
        double v = 0;
        for (int i = 0; i < N; i++) {
            t += r.nextInt(50) == 0 ? r.nextLong(1, 1L << 30) : 1_000 + r.nextInt(-4, 5);
            v = switch (r.nextInt(5)) {
                case 0 -> Double.longBitsToDouble(r.nextLong()); // any bits, NaNs included
                case 1 -> v;
                case 2 -> v + r.nextInt(1 << 20);
                default -> r.nextDouble() * 1e9;
            };
            ts[i] = t;
            vs[i] = v;
        }
    }

    /** Index of timestamp t among the appended samples, or -1. */
    private int indexOf(long t) {
        int i = java.util.Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -1;
    }

    /**
     * Reads the whole series (or from a seek target, an appended timestamp) and checks it is a contiguous, bit-exact
     * run of the appended samples; returns the index past its newest sample.
     */
    private int check(SampleCursor c, long seekTo, int mustReach, AtomicReference<String> failure) {
        boolean any = seekTo == Long.MIN_VALUE ? c.next() : c.seek(seekTo);
        if (!any) {
            return mustReach == 0 ? 0 : fail(failure, "nothing read; had seen " + mustReach);
        }
        int i = indexOf(c.timestamp());
        if (i < 0 || (seekTo != Long.MIN_VALUE ? i != indexOf(seekTo) : i != 0)) {
            return fail(failure, "first sample read at an unknown or wrong time " + c.timestamp());
        }
        do {
            if (i >= N || c.timestamp() != ts[i]
                    || Double.doubleToRawLongBits(c.value()) != Double.doubleToRawLongBits(vs[i])) {
                return fail(failure, "sample " + i + " read as " + c.timestamp() + "=" + c.value());
            }
            i++;
        } while (c.next());
        if (i < mustReach) {
            return fail(failure, "went backwards from " + mustReach + " to " + i);
        }
        return i;
    }

    private static int fail(AtomicReference<String> failure, String why) {
        failure.compareAndSet(null, why);
        return Integer.MAX_VALUE;
    }

    private Thread reader(Head head, boolean seeking, AtomicReference<String> failure) {
        return new Thread(() -> {
            SplittableRandom r = new SplittableRandom(seeking ? 1 : 2);
            int seen = 0;
            while (seen < N && failure.get() == null) {
                long seekTo = seeking && seen > 0 ? ts[r.nextInt(seen)] : Long.MIN_VALUE;
                int reached = check(head.cursor(0, Long.MIN_VALUE, Long.MAX_VALUE), seekTo, seen, failure);
                if (reached != Integer.MAX_VALUE) {
                    seen = reached;
                }
            }
        });
    }

    @Test
    @Timeout(60)
    void readersSeeCompleteBitExactPrefixesWhileOneThreadAppends() throws Exception {
        Head head = new Head(Long.MAX_VALUE / 4);
        AtomicReference<String> failure = new AtomicReference<>();
        Thread plain = reader(head, false, failure);
        Thread seeking = reader(head, true, failure);
        plain.start();
        seeking.start();
        for (int i = 0; i < N; i++) {
            head.append(0, ts[i], vs[i]);
        }
        plain.join();
        seeking.join();
        assertThat(failure.get()).isNull();
        assertThat(head.sampleCount()).isEqualTo(N);
    }

    @Test
    @Timeout(60)
    void readersSeeContiguousRunsWhileTheIngestThreadAppendsAndTrims() throws Exception {
        Head head = new Head(3_600_000L);
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int newest = 0;
            while (newest < N && failure.get() == null) {
                SampleCursor c = head.cursor(0, Long.MIN_VALUE, Long.MAX_VALUE);
                int i = -1;
                while (c.next()) {
                    int at = i < 0 ? indexOf(c.timestamp()) : i + 1;
                    if (at < 0 || at >= N || c.timestamp() != ts[at]
                            || Double.doubleToRawLongBits(c.value()) != Double.doubleToRawLongBits(vs[at])) {
                        failure.compareAndSet(null, "sample after " + i + " read as " + c.timestamp() + "=" + c.value());
                        return;
                    }
                    i = at;
                }
                if (i + 1 < newest) {
                    failure.compareAndSet(null, "newest went backwards from " + newest + " to " + (i + 1));
                }
                newest = Math.max(newest, i + 1);
            }
        });
        reader.start();
        for (int i = 0; i < N; i++) {
            head.append(0, ts[i], vs[i]);
            if (i % 1_000 == 0) {
                head.trim();
            }
        }
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(head.sampleCount()).isLessThan(N);
    }
}
