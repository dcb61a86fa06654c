package dev.hindsight.query.engine;

import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.NumberLiteral;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Range queries evaluated series at a time, as Prometheus evaluates them, for the shapes
 * dashboards use: an instant selector, a range function of a matrix selector (scalar
 * parameters as literals), an aggregation of either, and arithmetic or comparisons between
 * such operands or with a number ({@link ColumnBinaryOps}). Each selector is selected once for
 * the whole range and each series' windows slide over the steps, so the work is one pass per
 * series and the memory is series &times; steps. {@link #supports} decides before anything is
 * evaluated; every other expression is evaluated step by step by {@link Evaluator}, with the
 * same results.
 */
final class SeriesAtATime {
    /**
     * Most steps evaluated series at a time: a column holds a slot for every step, so a grid
     * far finer than its data (Prometheus's API allows 11,000 points) goes step by step.
     */
    static final long MAX_STEPS = 65_536;

    private SeriesAtATime() {
    }

    /** Whether {@link #eval} can evaluate {@code e} over a grid of {@code steps} steps. */
    static boolean supports(Expr e, long steps) {
        return steps <= MAX_STEPS && supports(e);
    }

    /** Whether {@link #eval} can evaluate {@code e} over a range. */
    static boolean supports(Expr e) {
        Expr inner = unwrap(e);
        if (inner instanceof BinaryExpr b) {
            boolean l = literal(b.lhs());
            boolean r = literal(b.rhs());
            return ColumnBinaryOps.supports(b) && !(l && r) && (l || supports(b.lhs())) && (r || supports(b.rhs()));
        }
        if (inner instanceof AggregateExpr a) {
            return ColumnAggregations.OPS.contains(a.op()) && (a.param() == null || literal(a.param()))
                    && leaf(unwrap(a.expr()));
        }
        return leaf(inner);
    }

    private static boolean leaf(Expr e) {
        if (e instanceof VectorSelector) {
            return true;
        }
        if (!(e instanceof Call c)) {
            return false;
        }
        String name = c.function().name();
        if (!RangeFunctions.handles(name) || name.equals("absent_over_time") || name.equals("avg_over_time")) {
            return false;
        }
        int rangeArg = name.equals("quantile_over_time") ? 1 : 0;
        if (!(unwrap(c.args().get(rangeArg)) instanceof MatrixSelector)) {
            return false;
        }
        for (int i = 0; i < c.args().size(); i++) {
            if (i != rangeArg && !literal(c.args().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The expression's columns over the evaluator's steps; {@link #supports} must hold. */
    static List<StepColumn> eval(Evaluator ev, Expr e) {
        ev.budget.checkNow();
        Expr inner = unwrap(e);
        if (inner instanceof BinaryExpr b) {
            if (literal(b.lhs())) {
                return ColumnBinaryOps.vectorScalar(b, eval(ev, b.rhs()), value(b.lhs()), true);
            }
            List<StepColumn> lhs = eval(ev, b.lhs());
            if (literal(b.rhs())) {
                return ColumnBinaryOps.vectorScalar(b, lhs, value(b.rhs()), false);
            }
            return ColumnBinaryOps.vectorVector(b, lhs, eval(ev, b.rhs()));
        }
        if (inner instanceof AggregateExpr a) {
            double param = a.param() == null ? Double.NaN : value(a.param());
            ColumnAggregations.checkParam(a.op(), param);
            if (ColumnFold.OPS.contains(a.op())) {
                ColumnFold fold = new ColumnFold(ev, a);
                leafEval(ev, unwrap(a.expr()), fold);
                return fold.finish();
            }
            List<StepColumn> in = new ArrayList<>();
            leafEval(ev, unwrap(a.expr()), ColumnSink.into(in));
            return ColumnAggregations.eval(ev, a, in, param);
        }
        List<StepColumn> out = new ArrayList<>();
        leafEval(ev, inner, ColumnSink.into(out));
        return out;
    }

    private static void leafEval(Evaluator ev, Expr e, ColumnSink out) {
        if (e instanceof VectorSelector vs) {
            ColumnSelectors.instant(ev, vs, out);
            return;
        }
        Call c = (Call) e;
        String name = c.function().name();
        List<Expr> args = c.args();
        double p1 = Double.NaN;
        double p2 = Double.NaN;
        MatrixSelector ms;
        switch (name) {
            case "quantile_over_time" -> {
                p1 = value(args.get(0));
                ms = (MatrixSelector) unwrap(args.get(1));
            }
            case "predict_linear" -> {
                p1 = value(args.get(1));
                ms = (MatrixSelector) unwrap(args.get(0));
            }
            case "double_exponential_smoothing", "holt_winters" -> {
                p1 = value(args.get(1));
                p2 = value(args.get(2));
                ms = (MatrixSelector) unwrap(args.get(0));
            }
            default -> ms = (MatrixSelector) unwrap(args.get(0));
        }
        ColumnSelectors.rangeFunction(ev, name, ms, p1, p2, out);
    }

    /**
     * The range query's result from columns: one series per final label set (columns that
     * end with the same labels are merged, and clash when they share a step), sorted by labels.
     */
    static Matrix toMatrix(Evaluator ev, List<StepColumn> columns) {
        Map<Labels, List<StepColumn>> byLabels = new HashMap<>();
        for (StepColumn c : columns) {
            byLabels.computeIfAbsent(c.finalLabels(), l -> new ArrayList<>(1)).add(c);
        }
        List<Labels> names = new ArrayList<>(byLabels.keySet());
        names.sort(Labels::compareTo);
        int steps = ev.steps();
        List<Matrix.Series> out = new ArrayList<>(names.size());
        for (Labels ls : names) {
            List<StepColumn> cs = byLabels.get(ls);
            if (cs.size() == 1) {
                out.add(series(ev, ls, cs.get(0)));
                continue;
            }
            int n = 0;
            for (StepColumn c : cs) {
                n += c.count();
            }
            long[] ts = new long[n];
            double[] vs = new double[n];
            int i = 0;
            for (int k = 0; k < steps; k++) {
                boolean seen = false;
                for (StepColumn c : cs) {
                    if (c.has(k)) {
                        if (seen) {
                            throw Evaluator.execError("vector cannot contain metrics with the same labelset");
                        }
                        seen = true;
                        ts[i] = ev.start + k * ev.step;
                        vs[i] = c.values[k];
                        i++;
                    }
                }
            }
            out.add(new Matrix.Series(ls, ts, vs));
        }
        return new Matrix(out);
    }

    private static Matrix.Series series(Evaluator ev, Labels ls, StepColumn c) {
        long[] ts = new long[c.count()];
        double[] vs = new double[c.count()];
        c.copyPresent(ev.start, ev.step, ts, vs);
        return new Matrix.Series(ls, ts, vs);
    }

    private static boolean literal(Expr e) {
        return unwrap(e) instanceof NumberLiteral;
    }

    private static double value(Expr e) {
        return ((NumberLiteral) unwrap(e)).value();
    }

    private static Expr unwrap(Expr e) {
        Expr inner = e;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        return inner;
    }
}
