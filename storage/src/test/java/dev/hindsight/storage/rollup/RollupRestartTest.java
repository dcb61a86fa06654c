package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollups kept incrementally across simulated crashes equal rollups rebuilt from scratch,
 * on real Chronicle files (several roll cycles, injected clock).
 */
@Timeout(120)
class RollupRestartTest {
    static final long RES = 10_000;
    static final long GRACE = 2_000;
    static final long T0 = 1_700_000_000_000L;
    static final int SERIES = 6;

    /** One raw record: samples of several series at one time. */
    record Rec(long index, long t, double[] values) {
    }

    static List<Rec> data(int n) {
        Random rnd = new Random(42);
        double[] v = new double[SERIES];
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] vals = new double[SERIES];
            for (int s = 0; s < SERIES; s++) {
                v[s] += rnd.nextInt(1000);
                if (rnd.nextInt(500) == 0) {
                    v[s] = rnd.nextInt(10); // counter reset
                }
                vals[s] = s == 5 && i > n / 2 ? Double.NaN : v[s]; // series 5 goes quiet halfway
            }
            long t = T0 + 1000L * i + rnd.nextInt(300);
            out.add(new Rec(i, t, vals));
        }
        return out;
    }

    static RollupWriter open(Path dir, SetTimeProvider clock) {
        RollupQueue q = RollupQueue.open(dir.resolve("10s"), RES, GRACE, RollCycles.TEN_MINUTELY);
        return new RollupWriter(q, GRACE, dir.resolve("10s.checkpoint"), 60_000);
    }

    static void feed(RollupWriter w, SetTimeProvider clock, List<Rec> recs, int from, int to) {
        for (int i = from; i < to; i++) {
            Rec r = recs.get(i);
            if (r.t() > clock.currentTimeMillis()) {
                clock.currentTimeMillis(r.t()); // a wall clock never goes back, even while replaying
            }
            for (int s = 0; s < SERIES; s++) {
                if (!Double.isNaN(r.values()[s])) {
                    w.add(s, r.t(), r.values()[s], r.index());
                }
            }
            w.endOfRecord();
        }
    }

    static List<RollupBucket> all(RollupQueue q) {
        List<RollupBucket> out = new ArrayList<>();
        q.readAfter(-1, out::add);
        out.sort(Comparator.comparingInt(RollupBucket::seriesId).thenComparingLong(RollupBucket::startMs));
        return out;
    }

    @Test
    void incrementalWithCrashesEqualsRebuildFromScratch(@TempDir Path tmp) throws Exception {
        List<Rec> recs = data(3600);
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));

        List<RollupBucket> reference;
        try (RollupWriter w = open(tmp.resolve("scratch"), clock)) {
            feed(w, clock, recs, 0, recs.size());
            w.flushBefore(Long.MAX_VALUE);
            reference = all(w.queue());
        }

        Path dir = tmp.resolve("incremental");
        clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        int[] crashes = {777, 1500, 1501, 2222, 2950};
        int next = 0;
        List<Long> resumes = new ArrayList<>();
        for (int crash : crashes) {
            RollupWriter w = open(dir, clock);
            resumes.add(w.resumeRawIndex());
            int from = resumePosition(w, recs, next);
            feed(w, clock, recs, from, crash);
            if (crash == 2222) {
                w.close(); // a clean stop: checkpoint with open buckets, nothing written after it
            } else {
                w.queue().close(); // simulated SIGKILL: no final checkpoint, open buckets lost
            }
            next = crash;
        }
        List<RollupBucket> incremental;
        try (RollupWriter w = open(dir, clock)) {
            feed(w, clock, recs, resumePosition(w, recs, next), recs.size());
            w.flushBefore(Long.MAX_VALUE);
            incremental = all(w.queue());
        }
        assertThat(resumes).as("restarts resumed from checkpoints, not from scratch").element(2).isNotEqualTo(-1L);
        assertThat(resumes.get(2)).isGreaterThan(1000L).isLessThanOrEqualTo(1500L);
        assertThat(incremental).hasSameSizeAs(reference);
        assertThat(incremental).containsExactlyElementsOf(reference);
        assertThat(Files.list(dir.resolve("10s")).filter(p -> p.toString().endsWith(".cq4")).count())
            .as("several roll cycles").isGreaterThan(3);

        // counter buckets add up to the reset-adjusted increase of the raw data
        for (int s = 0; s < 5; s++) {
            double expected = 0;
            for (int i = 1; i < recs.size(); i++) {
                double a = recs.get(i - 1).values()[s];
                double b = recs.get(i).values()[s];
                expected += b < a ? b : b - a;
            }
            int series = s;
            double total = reference.stream().filter(b -> b.seriesId() == series).mapToDouble(RollupBucket::counter).sum();
            assertThat(total).as("series " + s).isEqualTo(expected);
        }
    }

    /** Where the caller re-feeds from: the writer's resume index (records before are skipped by it anyway). */
    private static int resumePosition(RollupWriter w, List<Rec> recs, int crashedAt) {
        long r = w.resumeRawIndex();
        int from = r < 0 ? 0 : (int) Math.min(r, crashedAt);
        assertThat(from).isLessThanOrEqualTo(crashedAt);
        return from;
    }

    @Test
    void readRangeFindsBucketsByTimeAcrossCycles(@TempDir Path tmp) {
        List<Rec> recs = data(3600);
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RollupWriter w = open(tmp, clock)) {
            feed(w, clock, recs, 0, recs.size());
            w.flushBefore(Long.MAX_VALUE);
            List<RollupBucket> all = all(w.queue());
            long from = T0 + 1_234_000;
            long to = T0 + 2_500_000;
            List<RollupBucket> expected = all.stream()
                .filter(b -> b.seriesId() == 3 && b.startMs() >= from && b.startMs() <= to).toList();
            List<RollupBucket> got = new ArrayList<>();
            w.queue().readRange(from, to, s -> s == 3, got::add);
            assertThat(got).isNotEmpty().containsExactlyElementsOf(expected);
            List<RollupBucket> none = new ArrayList<>();
            w.queue().readRange(T0 + 10_000_000, T0 + 20_000_000, s -> true, none::add);
            assertThat(none).isEmpty();
            List<RollupBucket> first = new ArrayList<>();
            w.queue().readRange(0, T0 + 5_000, s -> true, first::add);
            assertThat(first).extracting(RollupBucket::startMs).containsOnly(T0);
        }
    }

    @Test
    void corruptCheckpointIsReportedWithItsPath(@TempDir Path tmp) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RollupWriter w = open(tmp, clock)) {
            feed(w, clock, data(100), 0, 100);
        }
        Path cp = tmp.resolve("10s.checkpoint");
        byte[] b = Files.readAllBytes(cp);
        b[30] ^= 1;
        Files.write(cp, b);
        try {
            open(tmp, clock).close();
            throw new AssertionError("expected a failure");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage(cp + ": checkpoint fails its checksum");
        }
    }

    @Test
    void aReplayFasterThanTheWallClockCheckpointsOncePerIntervalOfWallTime(@TempDir Path tmp) throws Exception {
        List<Rec> recs = data(1800); // 30 minutes of data: 30 checkpoints when paced by data time alone
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        long[] wall = {5_000_000L};
        RollupQueue q = RollupQueue.open(tmp.resolve("10s"), RES, GRACE, RollCycles.TEN_MINUTELY);
        try (RollupWriter w = new RollupWriter(q, GRACE, tmp.resolve("10s.checkpoint"), 60_000, () -> wall[0])) {
            feed(w, clock, recs, 0, 900);
            assertThat(w.checkpointCount()).as("the first record's, then none while the wall clock stands").isEqualTo(1);
            wall[0] += 59_999;
            feed(w, clock, recs, 900, 901);
            assertThat(w.checkpointCount()).isEqualTo(1);
            wall[0] += 1;
            feed(w, clock, recs, 901, 902);
            assertThat(w.checkpointCount()).as("a minute of data and of wall time since the last").isEqualTo(2);
            feed(w, clock, recs, 902, 1800);
            assertThat(w.checkpointCount()).isEqualTo(2);
        }
        try (RollupWriter dataPaced = open(tmp.resolve("data-paced"), clock)) {
            feed(dataPaced, clock, recs, 0, 1800);
            assertThat(dataPaced.checkpointCount()).as("one per minute of data").isBetween(29L, 31L);
        }
    }
}
