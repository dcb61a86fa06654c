package dev.hindsight.query.engine;

import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AggregateOp;
import dev.hindsight.query.engine.function.KahanSum;
import dev.hindsight.query.engine.function.Stats;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Aggregation operators over step columns: the groups are formed once per query from the
 * input series' labels, then each group's present members at each step are combined in
 * input order with the same functions as {@link Aggregations}, so the results are the same
 * as step by step.
 */
final class ColumnAggregations {
    /** The operators done series at a time; the others go step by step. */
    static final Set<AggregateOp> OPS = EnumSet.of(AggregateOp.SUM, AggregateOp.AVG, AggregateOp.MIN,
            AggregateOp.MAX, AggregateOp.COUNT, AggregateOp.GROUP, AggregateOp.STDDEV, AggregateOp.STDVAR,
            AggregateOp.QUANTILE, AggregateOp.TOPK, AggregateOp.BOTTOMK, AggregateOp.LIMITK);

    private ColumnAggregations() {
    }

    /** Throws what the step-by-step evaluation throws at its first step for a bad parameter. */
    static void checkParam(AggregateOp op, double param) {
        if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK || op == AggregateOp.LIMITK) {
            Aggregations.kParam(param);
        }
    }

    /** Aggregates {@code in} (in input order) with the constant parameter {@code param} (NaN when none). */
    static List<StepColumn> eval(Evaluator ev, AggregateExpr a, List<StepColumn> in, double param) {
        AggregateOp op = a.op();
        boolean selects = op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK || op == AggregateOp.LIMITK;
        long k = selects ? Aggregations.kParam(param) : 0;
        Map<Labels, int[]> groups = group(a, in);
        int steps = ev.steps();
        long before = 0;
        for (StepColumn c : in) {
            before += c.count();
        }
        List<StepColumn> out;
        if (selects) {
            out = select(ev, op, k, groups.values(), in, steps);
        } else {
            out = new ArrayList<>(groups.size());
            double[] buf = new double[Math.max(1, in.size())];
            for (Map.Entry<Labels, int[]> g : groups.entrySet()) {
                combine(ev, op, param, g.getKey(), g.getValue(), in, steps, buf, out);
            }
        }
        ev.budget.release(before);
        return out;
    }

    /** Group labels to member indexes (input order); one reduction of the labels per series. */
    private static Map<Labels, int[]> group(AggregateExpr a, List<StepColumn> in) {
        Map<Labels, int[]> groups = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            Labels gl = Aggregations.groupLabels(a, in.get(i).labels);
            int[] m = groups.get(gl);
            if (m == null) {
                m = new int[] {i};
            } else {
                m = Arrays.copyOf(m, m.length + 1);
                m[m.length - 1] = i;
            }
            groups.put(gl, m);
        }
        return groups;
    }

    private static void combine(Evaluator ev, AggregateOp op, double param, Labels gl, int[] members,
            List<StepColumn> in, int steps, double[] buf, List<StepColumn> out) {
        boolean keepsName = gl.has(Labels.METRIC_NAME);
        StepColumn kept = null;
        StepColumn dropped = null;
        ev.budget.check();
        for (int k = 0; k < steps; k++) {
            int n = 0;
            boolean drop = false;
            for (int m : members) {
                StepColumn c = in.get(m);
                if (c.has(k)) {
                    buf[n++] = c.values[k];
                    drop |= c.dropName;
                }
            }
            if (n == 0) {
                continue;
            }
            double r = switch (op) {
                case SUM -> KahanSum.sum(buf, 0, n);
                case AVG -> Stats.mean(buf, 0, n);
                case MIN -> Stats.min(buf, 0, n);
                case MAX -> Stats.max(buf, 0, n);
                case COUNT -> n;
                case GROUP -> 1;
                case STDDEV -> Math.sqrt(Stats.variance(buf, 0, n));
                case STDVAR -> Stats.variance(buf, 0, n);
                case QUANTILE -> Stats.quantile(param, buf, 0, n);
                default -> throw new IllegalStateException(op.keyword());
            };
            if (keepsName && drop) {
                if (dropped == null) {
                    dropped = new StepColumn(gl, true, steps);
                    out.add(dropped);
                }
                dropped.set(k, r);
            } else {
                if (kept == null) {
                    kept = new StepColumn(gl, false, steps);
                    out.add(kept);
                }
                kept.set(k, r);
            }
        }
        ev.budget.add((kept == null ? 0 : kept.count()) + (dropped == null ? 0 : dropped.count()));
    }

    /**
     * topk, bottomk, limitk: per group and step, the first k present members in the order a
     * stable sort (NaN last) would put them; each keeps its own series' labels.
     */
    private static List<StepColumn> select(Evaluator ev, AggregateOp op, long k, Iterable<int[]> groups,
            List<StepColumn> in, int steps) {
        StepColumn[] picked = new StepColumn[in.size()];
        if (k >= 1) {
            int[] best = new int[(int) Math.min(k, in.size())];
            for (int[] members : groups) {
                ev.budget.check();
                for (int s = 0; s < steps; s++) {
                    int step = s;
                    IntToDoubleFunction valueAt = j -> in.get(j).values[step];
                    int n = 0;
                    for (int m : members) {
                        StepColumn c = in.get(m);
                        if (!c.has(s)) {
                            continue;
                        }
                        if (op == AggregateOp.LIMITK) {
                            if (n < best.length) {
                                best[n++] = m;
                            }
                            continue;
                        }
                        n = TopKInsertion.insert(best, n, m, c.values[s], valueAt, op == AggregateOp.TOPK);
                    }
                    for (int i = 0; i < n; i++) {
                        int m = best[i];
                        if (picked[m] == null) {
                            picked[m] = new StepColumn(in.get(m).labels, in.get(m).dropName, steps);
                        }
                        picked[m].set(s, in.get(m).values[s]);
                    }
                }
            }
        }
        List<StepColumn> out = new ArrayList<>();
        for (StepColumn c : picked) {
            if (c != null) {
                ev.budget.add(c.count());
                out.add(c);
            }
        }
        return out;
    }

}
