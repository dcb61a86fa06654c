package dev.hindsight.storage.store;

import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.series.SeriesRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;

/**
 * Retires the series that retention has left without data, so that the store's memory
 * follows the series it still holds rather than every series it ever saw (container churn).
 *
 * <p>A series is retired when its last sample is older than everything still kept: the
 * oldest retained file of any level ({@link #oldestKept}), the head's window, and the
 * coarsest open rollup bucket. Its last sample time comes from the head when the head has
 * seen it since the store opened, else from {@link LastSeenFile}, saved now and then and on
 * close; a series known from neither counts as seen when the store opened, which can only
 * delay its retirement. The file is trusted only when it is newer than the head's replay
 * start (else a series could have had samples in between that nobody saw).
 *
 * <p>Retiring happens on the ingest thread ({@link #retire}), so no sample of a series can
 * arrive while it is being let go; a container whose series are all retired is forgotten with
 * its spec. Retired ids are handed out again after {@link #QUARANTINE_MS}.
 */
final class SeriesRetirement {
    private static final long SAVE_EVERY_MS = 10 * 60_000L;
    /**
     * How long (in data time) a retired id waits before it is handed out again: longer than a
     * query may run (its timeout), so no query that selected the old series reads the new one.
     */
    static final long QUARANTINE_MS = 10 * 60_000L;

    private final Path file;
    private final SeriesRegistry registry;
    private final Head head;
    private final Consumer<String> problems;
    /**
     * Last sample times the head does not hold, by id: from the last-seen file, and from the
     * replay's records before the head's window; MIN_VALUE (or past the end) when unknown.
     */
    private long[] saved;
    /** The bound of a series known from neither the head nor {@link #saved}. */
    private final long openedAt;
    private long lastSave = Long.MIN_VALUE;
    private long retired;

    /**
     * @param newestAtOpen the raw log's newest sample time when the store opened (Long.MIN_VALUE when empty)
     * @param headWindowMs how far back the head replays from there
     */
    SeriesRetirement(Path file, SeriesRegistry registry, Head head, long newestAtOpen, long headWindowMs,
                     Consumer<String> problems) {
        this.file = file;
        this.registry = registry;
        this.head = head;
        this.problems = problems;
        this.openedAt = newestAtOpen;
        LastSeenFile.Snapshot s = LastSeenFile.load(file, problems);
        // a file older than the replay misses what happened in between (not damage: a store closed
        // while the raw log went on, or killed long after its last save)
        boolean trusted = s != null && (newestAtOpen == Long.MIN_VALUE || s.savedAt() >= newestAtOpen - headWindowMs);
        this.saved = trusted ? s.lastSeen() : new long[0];
    }

    /** Notes a sample of {@code id} that the head does not hold (a replay's record before its window). */
    void seenOutsideHead(int id, long timeMs) {
        long[] times = saved;
        if (id >= times.length) {
            times = Arrays.copyOf(times, Math.max(id + 1, times.length * 2));
            Arrays.fill(times, saved.length, times.length, Long.MIN_VALUE);
            saved = times;
        }
        if (timeMs > times[id]) {
            times[id] = timeMs;
        }
    }

    /** The newest time a series may have a sample at. */
    long lastSampleBound(int id) {
        long inHead = head.lastTime(id);
        if (inHead != Long.MIN_VALUE) {
            return inHead; // seen by the head since the store opened: exact
        }
        long before = id < saved.length ? saved[id] : Long.MIN_VALUE;
        return before != Long.MIN_VALUE ? before : openedAt;
    }

    /**
     * Retires every live series whose last sample is before {@code before}, and lets the head
     * and {@code forget} (the ingest side's caches) go of them; ingest thread only. Saves the
     * last-seen file when it is due, or when {@code save} says so. Returns the ids retired.
     */
    int[] retire(long before, IntPredicateConsumer forget, boolean save) {
        long now = head.maxTime();
        if (now != Long.MIN_VALUE) {
            registry.releaseRetiredBefore(now - QUARANTINE_MS);
        }
        IntArrayList candidates = new IntArrayList();
        int n = registry.size();
        for (int id = 0; id < n; id++) {
            if (registry.labels(id) != null && lastSampleBound(id) < before) {
                candidates.addInt(id);
            }
        }
        int[] done = candidates.isEmpty() ? candidates.toIntArray() : registry.retire(candidates.toIntArray(), now);
        if (done.length > 0) {
            IntHashSet set = new IntHashSet(done.length * 2);
            for (int id : done) {
                set.add(id);
                head.forget(id);
                if (id < saved.length) {
                    saved[id] = Long.MIN_VALUE; // the id's next series is a new one
                }
            }
            forget.accept(set::contains);
            retired += done.length;
        }
        if (save || done.length > 0 || lastSave == Long.MIN_VALUE || now - lastSave >= SAVE_EVERY_MS) {
            save();
        }
        return done;
    }

    /** Writes the last-seen file now (ingest thread, or after it stopped). */
    void save() {
        long now = head.maxTime();
        if (now == Long.MIN_VALUE) {
            return;
        }
        int n = registry.size();
        int[] ids = new int[n];
        long[] times = new long[n];
        int count = 0;
        for (int id = 0; id < n; id++) {
            if (registry.labels(id) != null) {
                ids[count] = id;
                times[count++] = lastSampleBound(id);
            }
        }
        try {
            LastSeenFile.save(file, now, ids, times, count);
            lastSave = now;
        } catch (IOException e) {
            problems.accept(file + ": cannot be written (" + e.getMessage() + "); retried at the next retention");
        }
    }

    /** Series retired since the store opened. */
    long retiredCount() {
        return retired;
    }

    /** Receives the test for retired ids. */
    @FunctionalInterface
    interface IntPredicateConsumer {
        void accept(IntPredicate retired);
    }
}
