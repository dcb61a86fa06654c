package dev.hindsight.query.engine;

import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.query.engine.function.SlidingSortedWindow;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;

/**
 * Selectors and range functions evaluated series at a time over a whole range query: each
 * selector selects its series once for every step, and each series' points are read once;
 * the windows of the steps are then two indexes that only move forward. The values are
 * those of {@link Selectors} and {@link RangeFunctions} step by step, in the same series
 * order (sorted by labels).
 */
final class ColumnSelectors {
    private ColumnSelectors() {
    }

    /** An instant selector's value at every step (the newest sample within the lookback, unless stale), a column per series to {@code out}. */
    static void instant(Evaluator ev, VectorSelector vs, ColumnSink out) {
        SeriesSet set = Selectors.selectInstant(ev, vs);
        int steps = ev.steps();
        long lookback = ev.limits.lookbackDeltaMs();
        PointBuffer buf = new PointBuffer();
        for (Series s : set.series()) {
            ev.budget.check();
            buf.load(s.cursor(), false);
            long[] ts = buf.ts;
            int n = buf.n;
            int hi = 0;
            StepColumn col = null;
            for (int k = 0; k < steps; k++) {
                long te = ev.selectorTime(vs.at(), vs.offsetMs(), ev.start + k * ev.step);
                while (hi < n && ts[hi] <= te) {
                    hi++;
                }
                if (hi == 0 || ts[hi - 1] <= te - lookback || StaleNaN.is(buf.vs[hi - 1])) {
                    continue;
                }
                if (col == null) {
                    col = out.column(s.labels(), false, steps);
                }
                col.set(k, buf.vs[hi - 1]);
            }
            add(ev, out, col);
        }
    }

    /**
     * A range function of a matrix selector at every step, a column per series to {@code out}.
     * {@code p1} and {@code p2} are its scalar parameters (NaN when it has none), constant over the query.
     */
    static void rangeFunction(Evaluator ev, String name, MatrixSelector ms, double p1, double p2, ColumnSink out) {
        SeriesSet set = Selectors.selectRange(ev, ms, RangeFunctions.rollupFor(name));
        Aggregate agg = set.aggregate();
        boolean raw = agg == Aggregate.RAW;
        if (raw) {
            RangeFunctions.checkSmoothing(name, p1, p2);
        }
        boolean twoPoints = raw && RangeFunctions.needsTwoPoints(name);
        boolean dropName = raw ? !(name.equals("last_over_time") || name.equals("first_over_time")) : agg != Aggregate.LAST;
        boolean rate = name.equals("rate");
        long res = set.resolutionMs();
        VectorSelector vs = ms.vector();
        long range = ms.rangeMs();
        int steps = ev.steps();
        PointBuffer buf = new PointBuffer();
        SlidingSortedWindow sortedWindow = raw ? sortedWindowFor(name, p1) : null;
        boolean mad = name.equals("mad_over_time");
        for (Series s : set.series()) {
            ev.budget.check();
            buf.load(s.cursor(), true);
            if (sortedWindow != null) {
                sortedWindow.reset();
            }
            long[] ts = buf.ts;
            double[] vals = buf.vs;
            int n = buf.n;
            int lo = 0;
            int hi = 0;
            int widest = 0;
            StepColumn col = null;
            for (int k = 0; k < steps; k++) {
                long t = ev.start + k * ev.step;
                long te = ev.selectorTime(vs.at(), vs.offsetMs(), t);
                long cut = te - range;
                while (hi < n && ts[hi] <= te) {
                    hi++;
                }
                while (lo < hi && ts[lo] <= cut) {
                    lo++;
                }
                int count = hi - lo;
                widest = Math.max(widest, count);
                if (count == 0 || (twoPoints && count < 2)) {
                    continue;
                }
                double v = sortedWindow != null ? sorted(sortedWindow, mad, vals, lo, hi, p1)
                        : raw ? RangeFunctions.apply(name, ts, vals, lo, hi, cut, te, p1, p2, t)
                        : RangeFunctions.Rollups.value(rate, agg, ts, vals, lo, hi, cut, te, res);
                if (col == null) {
                    col = out.column(s.labels(), dropName, steps);
                }
                col.set(k, v);
            }
            // the points of the widest window, as a step-by-step evaluation holds them
            ev.budget.add(widest);
            ev.budget.release(widest);
            add(ev, out, col);
        }
    }

    /**
     * A window kept sorted from step to step for the functions that sort their window
     * ({@code quantile_over_time} with a q in [0, 1], {@code mad_over_time}), else null.
     */
    private static SlidingSortedWindow sortedWindowFor(String name, double q) {
        boolean sorts = name.equals("mad_over_time") || (name.equals("quantile_over_time") && q >= 0 && q <= 1);
        return sorts ? new SlidingSortedWindow() : null;
    }

    /** {@code RangeFunctions.apply}'s value for the sorting functions, from the window slid to {@code vals[lo..hi)}. */
    private static double sorted(SlidingSortedWindow window, boolean mad, double[] vals, int lo, int hi, double q) {
        window.slide(vals, lo, hi);
        return mad ? window.mad() : window.quantile(q);
    }

    private static void add(Evaluator ev, ColumnSink out, StepColumn col) {
        if (col != null) {
            ev.budget.add(col.count());
            out.accept(col);
        }
    }
}
