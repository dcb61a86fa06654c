package dev.hindsight.storage.store;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SelectHints;

/**
 * Which data serves a selection. Pure. Raw when the query asks for raw samples or gives no
 * step or range; else the coarsest rollup whose bucket width is at most the step (and at
 * most the range, for a range selector) and whose retention still covers the start. When
 * none qualifies: raw if raw retention covers the start, else the finest rollup that does,
 * else the one kept longest.
 */
public final class ResolutionChooser {
    private ResolutionChooser() {
    }

    /** The chosen rollup resolution in ms, or 0 for raw samples. */
    public static long choose(SelectHints h, RetentionConfig r, long newestDataMs) {
        if (h.aggregate() == Aggregate.RAW) {
            return 0;
        }
        long limit = h.stepMs();
        if (h.rangeMs() > 0) {
            limit = limit > 0 ? Math.min(limit, h.rangeMs()) : h.rangeMs();
        }
        RollupLevel best = null;
        for (RollupLevel l : r.rollups()) {
            if (l.resolutionMs() <= limit && covers(l.keepMs(), h, newestDataMs)
                && (best == null || l.resolutionMs() > best.resolutionMs())) {
                best = l;
            }
        }
        if (best != null) {
            return best.resolutionMs();
        }
        if (r.rollups().isEmpty() || covers(r.rawMs(), h, newestDataMs)) {
            return 0;
        }
        RollupLevel longest = null;
        for (RollupLevel l : r.rollups()) {
            if (covers(l.keepMs(), h, newestDataMs)) {
                return l.resolutionMs(); // finest that covers: levels are finest first
            }
            if (longest == null || l.keepMs() > longest.keepMs()) {
                longest = l;
            }
        }
        return longest.resolutionMs();
    }

    private static boolean covers(long keepMs, SelectHints h, long newestDataMs) {
        return newestDataMs == Long.MIN_VALUE || newestDataMs - keepMs <= h.start();
    }
}
