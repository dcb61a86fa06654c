package dev.hindsight.query.engine;

import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Instant and range selectors, evaluated step by step over one forward-only cursor per
 * series. Evaluation times of one selector never decrease within one {@link Evaluator}, so
 * each cursor is read once; a range window keeps only the points inside it.
 */
final class Selectors {
    private Selectors() {
    }

    /** Per-selector state of an instant selector: a cursor and the latest sample per series. */
    static final class InstantState {
        final Series[] series;
        final SampleCursor[] cursors;
        final boolean[] pending;
        final long[] lastT;
        final double[] lastV;
        final boolean[] hasLast;

        InstantState(List<Series> list) {
            int n = list.size();
            series = list.toArray(new Series[0]);
            cursors = new SampleCursor[n];
            pending = new boolean[n];
            lastT = new long[n];
            lastV = new double[n];
            hasLast = new boolean[n];
            for (int i = 0; i < n; i++) {
                cursors[i] = series[i].cursor();
                pending[i] = cursors[i].next();
            }
        }

        /** Advances series i to time te; true when it has a live sample in (te - lookback, te]. */
        boolean advance(int i, long te, long lookback) {
            SampleCursor c = cursors[i];
            while (pending[i] && c.timestamp() <= te) {
                lastT[i] = c.timestamp();
                lastV[i] = c.value();
                hasLast[i] = true;
                pending[i] = c.next();
            }
            return hasLast[i] && lastT[i] > te - lookback && !StaleNaN.is(lastV[i]);
        }
    }

    static InstantState instantState(Evaluator ev, VectorSelector vs) {
        Object key = vs;
        Object st = ev.state(key);
        if (st == null) {
            st = new InstantState(selectInstant(ev, vs).series());
            ev.putState(key, st);
        }
        return (InstantState) st;
    }

    /** An instant selector's series for the whole evaluation, sorted by labels. */
    static SeriesSet selectInstant(Evaluator ev, VectorSelector vs) {
        long first = ev.selectorTime(vs.at(), vs.offsetMs(), ev.start);
        long last = ev.selectorTime(vs.at(), vs.offsetMs(), ev.end);
        SeriesSet set = ev.source.select(vs.matchers(),
                new SelectHints(first - ev.limits.lookbackDeltaMs(), last, ev.step, 0, Aggregate.RAW));
        return sorted(set);
    }

    /** The instant vector of a selector at step time t. */
    static List<Elem> instant(Evaluator ev, VectorSelector vs, long t) {
        InstantState st = instantState(ev, vs);
        long te = ev.selectorTime(vs.at(), vs.offsetMs(), t);
        long lookback = ev.limits.lookbackDeltaMs();
        List<Elem> out = new ArrayList<>();
        for (int i = 0; i < st.series.length; i++) {
            ev.budget.check();
            if (st.advance(i, te, lookback)) {
                out.add(new Elem(st.series[i].labels(), st.lastV[i], false));
            }
        }
        ev.stepSamples(out.size());
        return out;
    }

    /** Like {@link #instant} but each value is the sample's own timestamp in seconds (for timestamp()). */
    static List<Elem> instantTimestamps(Evaluator ev, VectorSelector vs, long t) {
        InstantState st = instantState(ev, vs);
        long te = ev.selectorTime(vs.at(), vs.offsetMs(), t);
        long lookback = ev.limits.lookbackDeltaMs();
        List<Elem> out = new ArrayList<>();
        for (int i = 0; i < st.series.length; i++) {
            ev.budget.check();
            if (st.advance(i, te, lookback)) {
                out.add(new Elem(st.series[i].labels(), st.lastT[i] / 1000.0, true));
            }
        }
        ev.stepSamples(out.size());
        return out;
    }

    /** Per-selector state of a range selector: per series a cursor and a buffer of the window's points. */
    static final class RangeState {
        final Series[] series;
        final SampleCursor[] cursors;
        final boolean[] pending;
        final long[][] ts;
        final double[][] vs;
        final int[] lo;
        final int[] hi;
        final Aggregate aggregate;
        final long resolutionMs;

        RangeState(List<Series> list, Aggregate aggregate, long resolutionMs) {
            int n = list.size();
            this.aggregate = aggregate;
            this.resolutionMs = resolutionMs;
            series = list.toArray(new Series[0]);
            cursors = new SampleCursor[n];
            pending = new boolean[n];
            ts = new long[n][];
            vs = new double[n][];
            lo = new int[n];
            hi = new int[n];
            for (int i = 0; i < n; i++) {
                cursors[i] = series[i].cursor();
                pending[i] = cursors[i].next();
                ts[i] = new long[4];
                vs[i] = new double[4];
            }
        }

        /** Moves series i's window to (te - range, te]; returns the change in buffered points. */
        int advance(int i, long te, long range) {
            int before = hi[i] - lo[i];
            long cut = te - range;
            SampleCursor c = cursors[i];
            while (pending[i] && c.timestamp() <= te) {
                long t = c.timestamp();
                double v = c.value();
                pending[i] = c.next();
                if (t <= cut || StaleNaN.is(v)) {
                    continue;
                }
                push(i, t, v);
            }
            while (lo[i] < hi[i] && ts[i][lo[i]] <= cut) {
                lo[i]++;
            }
            return (hi[i] - lo[i]) - before;
        }

        private void push(int i, long t, double v) {
            if (hi[i] == ts[i].length) {
                int live = hi[i] - lo[i];
                if (lo[i] > 0 && live <= ts[i].length / 2) {
                    System.arraycopy(ts[i], lo[i], ts[i], 0, live);
                    System.arraycopy(vs[i], lo[i], vs[i], 0, live);
                } else {
                    ts[i] = Arrays.copyOf(ts[i], ts[i].length * 2);
                    vs[i] = Arrays.copyOf(vs[i], vs[i].length * 2);
                    System.arraycopy(ts[i], lo[i], ts[i], 0, live);
                    System.arraycopy(vs[i], lo[i], vs[i], 0, live);
                }
                lo[i] = 0;
                hi[i] = live;
            }
            ts[i][hi[i]] = t;
            vs[i][hi[i]] = v;
            hi[i]++;
        }
    }

    private record RangeKey(MatrixSelector ms, Aggregate aggregate) {
    }

    static RangeState rangeState(Evaluator ev, MatrixSelector ms, Aggregate aggregate) {
        RangeKey key = new RangeKey(ms, aggregate);
        Object st = ev.state(key);
        if (st == null) {
            SeriesSet set = selectRange(ev, ms, aggregate);
            st = new RangeState(set.series(), set.aggregate(), set.resolutionMs());
            ev.putState(key, st);
        }
        return (RangeState) st;
    }

    /** A matrix selector's series for the whole evaluation (every window of every step), sorted by labels. */
    static SeriesSet selectRange(Evaluator ev, MatrixSelector ms, Aggregate aggregate) {
        VectorSelector vs = ms.vector();
        long first = ev.selectorTime(vs.at(), vs.offsetMs(), ev.start);
        long last = ev.selectorTime(vs.at(), vs.offsetMs(), ev.end);
        SeriesSet set = ev.source.select(vs.matchers(),
                new SelectHints(first - ms.rangeMs() + 1, last, ev.step, ms.rangeMs(), aggregate));
        return sorted(set);
    }

    /** The range vector of a matrix selector at step time t; windows with no points are left out. */
    static RangeVal range(Evaluator ev, MatrixSelector ms, Aggregate aggregate, long t) {
        RangeState st = rangeState(ev, ms, aggregate);
        VectorSelector vs = ms.vector();
        long te = ev.selectorTime(vs.at(), vs.offsetMs(), t);
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < st.series.length; i++) {
            ev.budget.check();
            int delta = st.advance(i, te, ms.rangeMs());
            if (delta > 0) {
                ev.budget.add(delta);
            } else {
                ev.budget.release(-delta);
            }
            if (st.hi[i] > st.lo[i]) {
                out.add(new Window(st.series[i].labels(), st.ts[i], st.vs[i], st.lo[i], st.hi[i], false));
            }
        }
        return new RangeVal(out, te - ms.rangeMs(), te, st.aggregate, st.resolutionMs);
    }

    /** The set with its series sorted by labels (as they are when the source says so). */
    private static SeriesSet sorted(SeriesSet set) {
        return set.sortedByLabels() ? set
                : new SeriesSet(sorted(set.series()), set.resolutionMs(), set.aggregate(), true);
    }

    private static List<Series> sorted(List<Series> series) {
        List<Series> copy = new ArrayList<>(series);
        copy.sort(Comparator.comparing(Series::labels));
        return copy;
    }
}
