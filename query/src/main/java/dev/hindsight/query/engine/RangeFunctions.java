package dev.hindsight.query.engine;

import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.engine.function.KahanSum;
import dev.hindsight.query.engine.function.RangeMath;
import dev.hindsight.query.engine.function.Stats;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Functions of a range vector: the rate family, the {@code *_over_time} functions,
 * regression and smoothing. When the store answers a selection with rollup buckets
 * ({@link RangeVal#aggregate()} != RAW), the bucket aggregates are combined instead.
 */
final class RangeFunctions {
    private static final Set<String> NAMES = Set.of("rate", "increase", "delta", "irate", "idelta", "deriv",
            "predict_linear", "changes", "resets", "avg_over_time", "sum_over_time", "count_over_time",
            "min_over_time", "max_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time",
            "mad_over_time", "last_over_time", "first_over_time", "present_over_time", "absent_over_time",
            "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_min_over_time", "ts_of_max_over_time",
            "double_exponential_smoothing", "holt_winters");

    private RangeFunctions() {
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** Which rollup aggregate a function can use instead of raw points. */
    static Aggregate rollupFor(String name) {
        return switch (name) {
            case "rate", "increase" -> Aggregate.COUNTER;
            case "max_over_time" -> Aggregate.MAX;
            case "min_over_time" -> Aggregate.MIN;
            case "sum_over_time", "avg_over_time" -> Aggregate.SUM;
            case "count_over_time" -> Aggregate.COUNT;
            case "last_over_time" -> Aggregate.LAST;
            default -> Aggregate.RAW;
        };
    }

    static Object eval(Evaluator ev, Call c, long t) {
        String name = c.function().name();
        List<Expr> args = c.args();
        int rangeArg = name.equals("quantile_over_time") ? 1 : 0;
        Expr arg = unwrap(args.get(rangeArg));
        RangeVal rv;
        if (arg instanceof MatrixSelector ms) {
            rv = Selectors.range(ev, ms, rollupFor(name), t);
        } else {
            rv = ev.evalRange(args.get(rangeArg), t);
        }
        if (name.equals("absent_over_time")) {
            return FunctionCalls.absent(rv.windows(), args.get(0));
        }
        if (rv.aggregate() != Aggregate.RAW) {
            return Rollups.eval(ev, name, (MatrixSelector) arg, rv, t);
        }
        double p1 = Double.NaN;
        double p2 = Double.NaN;
        switch (name) {
            case "quantile_over_time" -> p1 = ev.evalScalar(args.get(0), t);
            case "predict_linear" -> p1 = ev.evalScalar(args.get(1), t);
            case "double_exponential_smoothing", "holt_winters" -> {
                p1 = ev.evalScalar(args.get(1), t);
                p2 = ev.evalScalar(args.get(2), t);
                checkSmoothing(name, p1, p2);
            }
            default -> {
            }
        }
        boolean keepName = name.equals("last_over_time") || name.equals("first_over_time");
        List<Elem> out = new ArrayList<>(rv.windows().size());
        for (Window w : rv.windows()) {
            ev.budget.check();
            if (w.count() < 2 && needsTwoPoints(name)) {
                continue;
            }
            double v = apply(name, w.ts(), w.vs(), w.from(), w.to(), rv.rangeStart(), rv.rangeEnd(), p1, p2, t);
            out.add(new Elem(w.labels(), v, keepName ? w.dropName() : true));
        }
        ev.stepSamples(out.size());
        return out;
    }

    /** The smoothing functions' factors must lie in (0, 1). */
    static void checkSmoothing(String name, double sf, double tf) {
        if (!name.equals("double_exponential_smoothing") && !name.equals("holt_winters")) {
            return;
        }
        if (sf <= 0 || sf >= 1) {
            throw Evaluator.execError("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(sf));
        }
        if (tf <= 0 || tf >= 1) {
            throw Evaluator.execError("invalid trend factor. Expected: 0 < tf < 1, got: " + goF(tf));
        }
    }

    static boolean needsTwoPoints(String name) {
        return switch (name) {
            case "rate", "increase", "delta", "irate", "idelta", "deriv", "predict_linear",
                    "double_exponential_smoothing", "holt_winters" -> true;
            default -> false;
        };
    }

    /**
     * The function's value for the window {@code ts/vs[from..to)} covering
     * {@code (rangeStart, rangeEnd]} at step time t; NaN from the rate family means "no output".
     */
    static double apply(String name, long[] ts, double[] vs, int from, int to, long rangeStart, long rangeEnd,
            double p1, double p2, long t) {
        return switch (name) {
            case "rate" -> RangeMath.extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, true, true);
            case "increase" -> RangeMath.extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, true, false);
            case "delta" -> RangeMath.extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, false, false);
            case "irate" -> RangeMath.instantValue(ts, vs, from, to, true);
            case "idelta" -> RangeMath.instantValue(ts, vs, from, to, false);
            case "deriv" -> to - from < 2 ? Double.NaN : RangeMath.linearRegression(ts, vs, from, to, ts[from])[0];
            case "predict_linear" -> {
                if (to - from < 2) {
                    yield Double.NaN;
                }
                double[] si = RangeMath.linearRegression(ts, vs, from, to, t);
                yield si[1] + si[0] * p1;
            }
            case "changes" -> RangeMath.changes(vs, from, to);
            case "resets" -> RangeMath.resets(vs, from, to);
            case "avg_over_time" -> Stats.mean(vs, from, to);
            case "sum_over_time" -> KahanSum.sum(vs, from, to);
            case "count_over_time" -> to - from;
            case "min_over_time" -> Stats.min(vs, from, to);
            case "max_over_time" -> Stats.max(vs, from, to);
            case "stddev_over_time" -> Math.sqrt(Stats.variance(vs, from, to));
            case "stdvar_over_time" -> Stats.variance(vs, from, to);
            case "quantile_over_time" -> Stats.quantile(p1, vs, from, to);
            case "mad_over_time" -> Stats.mad(vs, from, to);
            case "last_over_time" -> vs[to - 1];
            case "first_over_time" -> vs[from];
            case "present_over_time" -> 1;
            case "ts_of_first_over_time" -> ts[from] / 1000.0;
            case "ts_of_last_over_time" -> ts[to - 1] / 1000.0;
            case "ts_of_min_over_time" -> ts[extremeIndex(vs, from, to, false)] / 1000.0;
            case "ts_of_max_over_time" -> ts[extremeIndex(vs, from, to, true)] / 1000.0;
            case "double_exponential_smoothing", "holt_winters" ->
                    RangeMath.doubleExponentialSmoothing(vs, from, to, p1, p2);
            default -> throw new IllegalStateException(name);
        };
    }

    /** Index of the (last) max or min value; NaNs are replaced by any number. */
    private static int extremeIndex(double[] vs, int from, int to, boolean max) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            double b = vs[best];
            double v = vs[i];
            if (Double.isNaN(b) || (max ? v >= b : v <= b)) {
                best = i;
            }
        }
        return best;
    }

    private static Expr unwrap(Expr e) {
        Expr inner = e;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        return inner;
    }

    private static String goF(double v) {
        return String.format(java.util.Locale.ROOT, "%f", v);
    }

    /** The rollup path: combine bucket aggregates of each window. */
    static final class Rollups {
        private Rollups() {
        }

        /**
         * Per-second rate from the counter increases of the buckets in a window. The first bucket
         * may begin before the window: only its share inside counts. Where the buckets reach to
         * within 1.1 bucket widths of a window edge, the increase is extrapolated to that edge, as
         * Prometheus extrapolates raw samples; where they stop short of it (a container that
         * started or ended inside the window) it is not, so the rate falls off at a series' ends
         * as PromQL's does. A closed bucket is stamped with its end, which on average sits where
         * PromQL's half-interval extrapolation past the last sample would reach.
         */
        static double bucketRate(Window w, RangeVal rv) {
            return bucketRate(w.ts(), w.vs(), w.from(), w.to(), rv.rangeStart(), rv.rangeEnd(), rv.resolutionMs());
        }

        /** {@link #bucketRate(Window, RangeVal)} of the points {@code [from, to)} in (rangeStart, rangeEnd]. */
        static double bucketRate(long[] ts, double[] vs, int from, int to, long rangeStart, long rangeEnd, long res) {
            double rangeSec = (rangeEnd - rangeStart) / 1000.0;
            if (res <= 0) {
                return KahanSum.sum(vs, from, to) / rangeSec;
            }
            long firstBucketStart = ts[from] - res;
            long coveredFrom = Math.max(firstBucketStart, rangeStart);
            long coveredTo = Math.min(ts[to - 1], rangeEnd);
            if (coveredTo <= coveredFrom) {
                return Double.NaN;
            }
            double firstShare = (double) (ts[from] - coveredFrom) / res;
            double inc = vs[from] * firstShare + KahanSum.sum(vs, from + 1, to);
            long nearEdge = res * 11 / 10;
            long extendedFrom = coveredFrom - rangeStart < nearEdge ? rangeStart : coveredFrom;
            long extendedTo = rangeEnd - coveredTo < nearEdge ? rangeEnd : coveredTo;
            double extrapolated = inc * (extendedTo - extendedFrom) / (coveredTo - coveredFrom);
            return extrapolated / rangeSec;
        }

        /** One window's value from its buckets, for every function but avg_over_time (which also needs counts). */
        static double value(String name, Window w, RangeVal rv) {
            return value(name.equals("rate"), rv.aggregate(), w.ts(), w.vs(), w.from(), w.to(), rv.rangeStart(),
                    rv.rangeEnd(), rv.resolutionMs());
        }

        /**
         * {@link #value(String, Window, RangeVal)} of the points {@code [from, to)} in
         * (rangeStart, rangeEnd]; {@code rate}: whether the function is {@code rate} (else the
         * counter aggregate gives the increase).
         */
        static double value(boolean rate, Aggregate aggregate, long[] ts, double[] vs, int from, int to,
                long rangeStart, long rangeEnd, long res) {
            return switch (aggregate) {
                case COUNTER -> {
                    double r = bucketRate(ts, vs, from, to, rangeStart, rangeEnd, res);
                    yield rate ? r : r * ((rangeEnd - rangeStart) / 1000.0);
                }
                case MAX -> Stats.max(vs, from, to);
                case MIN -> Stats.min(vs, from, to);
                case SUM, COUNT -> KahanSum.sum(vs, from, to);
                default -> vs[to - 1];
            };
        }

        static List<Elem> eval(Evaluator ev, String name, MatrixSelector ms, RangeVal rv, long t) {
            Map<Labels, Window> counts = null;
            boolean rawCounts = false;
            if (name.equals("avg_over_time")) {
                RangeVal c = Selectors.range(ev, ms, Aggregate.COUNT, t);
                rawCounts = c.aggregate() == Aggregate.RAW;
                counts = new HashMap<>();
                for (Window w : c.windows()) {
                    counts.put(w.labels(), w);
                }
            }
            List<Elem> out = new ArrayList<>(rv.windows().size());
            for (Window w : rv.windows()) {
                double v;
                if (counts == null || (rv.aggregate() != Aggregate.SUM && rv.aggregate() != Aggregate.COUNT)) {
                    v = value(name, w, rv);
                } else {
                    Window cw = counts.get(w.labels());
                    v = cw == null ? Double.NaN : KahanSum.sum(w.vs(), w.from(), w.to())
                            / (rawCounts ? cw.count() : KahanSum.sum(cw.vs(), cw.from(), cw.to()));
                }
                if (!Double.isNaN(v) || counts == null) {
                    boolean keepName = rv.aggregate() == Aggregate.LAST;
                    out.add(new Elem(w.labels(), v, !keepName || w.dropName()));
                }
            }
            return out;
        }
    }
}
