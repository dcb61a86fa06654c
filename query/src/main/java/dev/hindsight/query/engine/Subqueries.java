package dev.hindsight.query.engine;

import dev.hindsight.query.ast.SubqueryExpr;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subqueries: the inner expression is evaluated once, by a child {@link Evaluator}, at every
 * absolute multiple of the subquery step that any outer step's window needs; each outer step
 * then takes the points inside its window {@code (t - range, t]}.
 */
final class Subqueries {
    private Subqueries() {
    }

    /** The materialized inner result. */
    record State(List<SeriesBuilder> series) {
    }

    static RangeVal eval(Evaluator ev, SubqueryExpr sq, long t) {
        State st = (State) ev.state(sq);
        if (st == null) {
            st = materialize(ev, sq);
            ev.putState(sq, st);
        }
        long te = ev.selectorTime(sq.at(), sq.offsetMs(), t);
        long from = te - sq.rangeMs();
        List<Window> out = new ArrayList<>();
        for (SeriesBuilder sb : st.series()) {
            int lo = sb.upperBound(from);
            int hi = sb.upperBound(te);
            if (hi > lo) {
                out.add(new Window(sb.labels, sb.ts, sb.vs, lo, hi, sb.dropName));
            }
        }
        return new RangeVal(out, from, te, Aggregate.RAW);
    }

    private static State materialize(Evaluator ev, SubqueryExpr sq) {
        long step = sq.stepMs() > 0 ? sq.stepMs() : ev.limits.defaultSubqueryStepMs();
        long firstEnd = ev.selectorTime(sq.at(), sq.offsetMs(), ev.start);
        long lastEnd = ev.selectorTime(sq.at(), sq.offsetMs(), ev.end);
        long mint = firstEnd - sq.rangeMs();
        long start = Math.floorDiv(mint, step) * step;
        if (start <= mint) {
            start += step;
        }
        Evaluator child = new Evaluator(ev.source, ev.limits, ev.budget, start, lastEnd, step, ev.queryStart,
                ev.queryEnd, ev.queryStep);
        Map<Labels, SeriesBuilder> byLabels = new LinkedHashMap<>();
        Set<Labels> seen = new HashSet<>();
        for (long t = start; t <= lastEnd; t += step) {
            Object v = child.eval(sq.expr(), t);
            if (v instanceof Double d) {
                byLabels.computeIfAbsent(Labels.EMPTY, SeriesBuilder::new).add(t, d);
                ev.budget.add(1);
            } else {
                @SuppressWarnings("unchecked")
                List<Elem> vec = (List<Elem>) v;
                seen.clear();
                for (Elem el : vec) {
                    if (!seen.add(el.labels())) {
                        throw Evaluator.execError("vector cannot contain metrics with the same labelset");
                    }
                    SeriesBuilder sb = byLabels.computeIfAbsent(el.labels(), SeriesBuilder::new);
                    sb.dropName |= el.dropName();
                    sb.add(t, el.v());
                }
                ev.budget.add(vec.size());
            }
            child.endStep();
        }
        List<SeriesBuilder> list = new ArrayList<>(byLabels.values());
        list.sort((a, b) -> a.labels.compareTo(b.labels));
        return new State(list);
    }
}
