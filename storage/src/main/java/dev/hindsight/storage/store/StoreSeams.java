package dev.hindsight.storage.store;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * What a test (or a benchmark) injects into a {@link Store}.
 *
 * @param chronicleTime     Chronicle's clock for choosing roll cycles; null for the system clock
 * @param rawRollCycle      the raw log's roll cycle
 * @param rollupRollCycle   the rollup queues' roll cycle: each finished cycle becomes one block file,
 *                          so it is also the newest span a query reads from the queue itself
 * @param graceMs           how long after a bucket's end a quiet series' bucket is closed
 * @param checkpointEveryMs data time between rollup checkpoints
 * @param followThread      whether {@link Store#open} starts a thread that follows the raw log;
 *                          without it, call {@link Store#catchUp()}
 * @param rawIndex          whether finished raw cycles are indexed and raw reads go through the
 *                          index (false: every raw read scans the range, as before the index;
 *                          for comparisons)
 * @param rawBlocks         whether finished raw cycles get a raw block (series by series, compressed)
 *                          and raw reads decode finished cycles from it (false: read from the log)
 */
public record StoreSeams(TimeProvider chronicleTime, RollCycle rawRollCycle, RollCycle rollupRollCycle, long graceMs,
                         long checkpointEveryMs, boolean followThread, boolean rawIndex, boolean rawBlocks) {
    /** Seams with the raw index and raw blocks on. */
    public StoreSeams(TimeProvider chronicleTime, RollCycle rawRollCycle, RollCycle rollupRollCycle, long graceMs,
                      long checkpointEveryMs, boolean followThread) {
        this(chronicleTime, rawRollCycle, rollupRollCycle, graceMs, checkpointEveryMs, followThread, true, true);
    }

    /** Seams with the raw index on or off, and raw blocks off (comparisons of the index and the scan). */
    public StoreSeams(TimeProvider chronicleTime, RollCycle rawRollCycle, RollCycle rollupRollCycle, long graceMs,
                      long checkpointEveryMs, boolean followThread, boolean rawIndex) {
        this(chronicleTime, rawRollCycle, rollupRollCycle, graceMs, checkpointEveryMs, followThread, rawIndex, false);
    }

    public static StoreSeams defaults() {
        return new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_HOURLY, 5_000, 60_000, true);
    }

    /** These seams with the raw index on or off. */
    public StoreSeams withRawIndex(boolean on) {
        return new StoreSeams(chronicleTime, rawRollCycle, rollupRollCycle, graceMs, checkpointEveryMs, followThread, on,
            rawBlocks);
    }

    /** These seams with raw blocks on or off. */
    public StoreSeams withRawBlocks(boolean on) {
        return new StoreSeams(chronicleTime, rawRollCycle, rollupRollCycle, graceMs, checkpointEveryMs, followThread,
            rawIndex, on);
    }
}
