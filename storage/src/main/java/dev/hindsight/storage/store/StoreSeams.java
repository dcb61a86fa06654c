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
 */
public record StoreSeams(TimeProvider chronicleTime, RollCycle rawRollCycle, RollCycle rollupRollCycle, long graceMs,
                         long checkpointEveryMs, boolean followThread) {
    public static StoreSeams defaults() {
        return new StoreSeams(null, RollCycles.FAST_HOURLY, RollCycles.FAST_HOURLY, 5_000, 60_000, true);
    }
}
