package dev.hindsight.query.engine;

import java.util.function.IntToDoubleFunction;

/**
 * topk/bottomk for a small k: the best k members so far, kept in order by stable insertion
 * (a later member never passes an equal one), NaN after every number. Shared by the
 * step-by-step ({@link Aggregations}) and per-column ({@link ColumnAggregations}) paths.
 */
final class TopKInsertion {
    private TopKInsertion() {
    }

    /**
     * Inserts member {@code m}, whose value is {@code v}, into {@code best[0, n)} (values of the
     * members there by {@code valueOf}); returns the new count, at most {@code best.length}.
     */
    static int insert(int[] best, int n, int m, double v, IntToDoubleFunction valueOf, boolean top) {
        int at = n;
        while (at > 0 && before(v, valueOf.applyAsDouble(best[at - 1]), top)) {
            at--;
        }
        if (at >= best.length) {
            return n;
        }
        int last = Math.min(n, best.length - 1);
        System.arraycopy(best, at, best, at + 1, last - at);
        best[at] = m;
        return Math.min(n + 1, best.length);
    }

    /** Whether value a sorts strictly before b (NaN last; descending for topk, ascending for bottomk). */
    static boolean before(double a, double b, boolean top) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return !Double.isNaN(a) && Double.isNaN(b);
        }
        return top ? Double.compare(b, a) < 0 : Double.compare(a, b) < 0;
    }
}
