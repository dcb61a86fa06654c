package dev.hindsight.query.engine;

import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AggregateOp;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sum}, {@code min}, {@code max}, {@code count} and {@code group} over a range, folded
 * into each group's running value at every step as the input series' columns arrive, so no
 * input column is kept: the selector's next series reuses it. Each group's members are folded
 * in input order with the arithmetic of {@link ColumnAggregations} (the compensated sum of
 * {@code KahanSum}, the comparisons of {@code Stats.min} and {@code Stats.max}), so the
 * results are bit for bit those of the step-by-step evaluation. Groups, and within a group
 * the column of the steps whose members dropped the metric name, come out in the order
 * {@link ColumnAggregations} gives. Single-threaded: one evaluation.
 */
final class ColumnFold implements ColumnSink {
    /** The operators folded; the other aggregations keep their input columns. */
    static final Set<AggregateOp> OPS = EnumSet.of(AggregateOp.SUM, AggregateOp.MIN, AggregateOp.MAX,
            AggregateOp.COUNT, AggregateOp.GROUP);

    private final Evaluator ev;
    private final AggregateExpr expr;
    private final AggregateOp op;
    private final int steps;
    private final Map<Labels, Group> groups = new LinkedHashMap<>();
    /** The column handed to the selector for its next series. */
    private StepColumn scratch;

    ColumnFold(Evaluator ev, AggregateExpr expr) {
        this.ev = ev;
        this.expr = expr;
        this.op = expr.op();
        this.steps = ev.steps();
    }

    @Override
    public StepColumn column(Labels labels, boolean dropName, int n) {
        if (scratch == null) {
            scratch = new StepColumn(labels, dropName, n);
        } else {
            scratch.reuse(labels, dropName);
        }
        return scratch;
    }

    @Override
    public void accept(StepColumn c) {
        Labels gl = Aggregations.groupLabels(expr, c.labels);
        Group g = groups.get(gl);
        if (g == null) {
            g = new Group(gl);
            groups.put(gl, g);
        }
        ev.budget.release(c.count());
        g.fold(c);
    }

    /** The groups' columns, once every input series was accepted. */
    List<StepColumn> finish() {
        List<StepColumn> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            ev.budget.check();
            g.finish(out);
        }
        return out;
    }

    /** One group's running value per step; a step is present once a member had a value there. */
    private final class Group {
        final Labels labels;
        final boolean keepsName;
        final StepColumn acc;
        /** The sum's compensation per step; null while every one is +0.0. */
        double[] comp;
        /** Steps where a present member dropped the metric name (kept only when the group keeps it). */
        long[] dropped;

        Group(Labels labels) {
            this.labels = labels;
            this.keepsName = labels.has(Labels.METRIC_NAME);
            this.acc = new StepColumn(labels, false, steps);
        }

        /** Folds c's present steps in, clearing them from c (which is then empty, ready for reuse). */
        void fold(StepColumn c) {
            double[] vals = acc.values;
            long[] present = c.present;
            for (int w = 0; w < present.length; w++) {
                long bits = present[w];
                present[w] = 0;
                while (bits != 0) {
                    int k = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    fold(k, c.values[k], c.dropName, vals);
                }
            }
            c.presentCleared();
        }

        private void fold(int k, double v, boolean dropName, double[] vals) {
            boolean first = !acc.has(k);
            switch (op) {
                case SUM -> sum(k, first ? 0 : vals[k], v);
                case MIN -> acc.set(k, first || v < vals[k] || Double.isNaN(vals[k]) ? v : vals[k]);
                case MAX -> acc.set(k, first || v > vals[k] || Double.isNaN(vals[k]) ? v : vals[k]);
                case COUNT -> acc.set(k, first ? 1 : vals[k] + 1);
                case GROUP -> acc.set(k, 1);
                default -> throw new IllegalStateException(op.keyword());
            }
            if (keepsName && dropName) {
                if (dropped == null) {
                    dropped = new long[(steps + 63) >>> 6];
                }
                dropped[k >>> 6] |= 1L << k;
            }
        }

        /** One step of {@code KahanSum.sum}: adds v to the running sum s at step k. */
        private void sum(int k, double s, double v) {
            double c = comp == null ? 0 : comp[k];
            double t = s + v;
            if (Double.isInfinite(t)) {
                c = 0;
            } else if (Math.abs(s) >= Math.abs(v)) {
                c += (s - t) + v;
            } else {
                c += (v - t) + s;
            }
            acc.set(k, t);
            if (comp != null) {
                comp[k] = c;
            } else if (Double.doubleToRawLongBits(c) != 0) {
                comp = new double[steps];
                comp[k] = c;
            }
        }

        void finish(List<StepColumn> out) {
            if (op == AggregateOp.SUM) {
                double[] vals = acc.values;
                long[] present = acc.present;
                for (int w = 0; w < present.length; w++) {
                    for (long bits = present[w]; bits != 0; bits &= bits - 1) {
                        int k = (w << 6) + Long.numberOfTrailingZeros(bits);
                        vals[k] = vals[k] + (comp == null ? 0 : comp[k]);
                    }
                }
            }
            if (dropped == null) {
                out.add(acc);
                ev.budget.add(acc.count());
                return;
            }
            StepColumn kept = null;
            StepColumn drop = null;
            for (int k = acc.next(0); k >= 0; k = acc.next(k + 1)) {
                if ((dropped[k >>> 6] & (1L << k)) != 0) {
                    if (drop == null) {
                        drop = new StepColumn(labels, true, steps);
                        out.add(drop);
                    }
                    drop.set(k, acc.values[k]);
                } else {
                    if (kept == null) {
                        kept = new StepColumn(labels, false, steps);
                        out.add(kept);
                    }
                    kept.set(k, acc.values[k]);
                }
            }
            ev.budget.add((kept == null ? 0 : kept.count()) + (drop == null ? 0 : drop.count()));
        }
    }
}
