package dev.hindsight.query.engine;

import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Function calls: dispatch by name to the element-wise math here, the range functions in
 * {@link RangeFunctions}, label functions in {@link LabelFunctions}, histogram functions in
 * {@link HistogramFunctions} and date functions in {@link DateFunctions}.
 */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static Object eval(Evaluator ev, Call c, long t) {
        String name = c.function().name();
        List<Expr> args = c.args();
        DoubleUnaryOperator math = mathFunction(name);
        if (math != null) {
            return map(ev.evalVector(args.get(0), t), math);
        }
        if (RangeFunctions.handles(name)) {
            return RangeFunctions.eval(ev, c, t);
        }
        if (DateFunctions.handles(name)) {
            return DateFunctions.eval(ev, c, t);
        }
        if (name.startsWith("histogram_")) {
            return HistogramFunctions.eval(ev, c, t);
        }
        return switch (name) {
            case "time" -> t / 1000.0;
            case "step" -> ev.queryStep / 1000.0;
            case "range" -> (ev.queryEnd - ev.queryStart) / 1000.0;
            case "start" -> ev.queryStart / 1000.0;
            case "end" -> ev.queryEnd / 1000.0;
            case "min_of", "max_of" -> {
                double a = ev.evalScalar(args.get(0), t);
                double b = ev.evalScalar(args.get(1), t);
                yield name.equals("min_of") ? Math.min(a, b) : Math.max(a, b);
            }
            case "pi" -> Math.PI;
            case "vector" -> List.of(new Elem(Labels.EMPTY, ev.evalScalar(args.get(0), t), false));
            case "scalar" -> {
                List<Elem> v = ev.evalVector(args.get(0), t);
                yield v.size() == 1 ? v.get(0).v() : Double.NaN;
            }
            case "timestamp" -> timestamp(ev, args.get(0), t);
            case "absent" -> absent(ev.evalVector(args.get(0), t), args.get(0));
            case "round" -> {
                List<Elem> v = ev.evalVector(args.get(0), t);
                double toNearest = args.size() > 1 ? ev.evalScalar(args.get(1), t) : 1;
                double inv = 1.0 / toNearest;
                yield map(v, f -> Math.floor(f * inv + 0.5) / inv);
            }
            case "clamp" -> {
                List<Elem> v = ev.evalVector(args.get(0), t);
                double min = ev.evalScalar(args.get(1), t);
                double max = ev.evalScalar(args.get(2), t);
                if (max < min) {
                    yield new ArrayList<Elem>();
                }
                yield map(v, f -> Math.max(min, Math.min(max, f)));
            }
            case "clamp_max" -> {
                List<Elem> v = ev.evalVector(args.get(0), t);
                double max = ev.evalScalar(args.get(1), t);
                yield map(v, f -> Math.min(max, f));
            }
            case "clamp_min" -> {
                List<Elem> v = ev.evalVector(args.get(0), t);
                double min = ev.evalScalar(args.get(1), t);
                yield map(v, f -> Math.max(min, f));
            }
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "label_replace", "label_join" ->
                    LabelFunctions.eval(ev, c, t);
            default -> throw Evaluator.execError(c.position(), "function " + name + " is not supported");
        };
    }

    static List<Elem> map(List<Elem> in, DoubleUnaryOperator f) {
        List<Elem> out = new ArrayList<>(in.size());
        for (Elem el : in) {
            out.add(el.dropped(f.applyAsDouble(el.v())));
        }
        return out;
    }

    private static DoubleUnaryOperator mathFunction(String name) {
        return switch (name) {
            case "abs" -> Math::abs;
            case "ceil" -> Math::ceil;
            case "floor" -> Math::floor;
            case "exp" -> Math::exp;
            case "sqrt" -> Math::sqrt;
            case "ln" -> Math::log;
            case "log2" -> FunctionCalls::log2;
            case "log10" -> Math::log10;
            case "sgn" -> f -> f < 0 ? -1 : f > 0 ? 1 : f;
            case "acos" -> Math::acos;
            case "asin" -> Math::asin;
            case "atan" -> Math::atan;
            case "cos" -> Math::cos;
            case "sin" -> Math::sin;
            case "tan" -> Math::tan;
            case "cosh" -> Math::cosh;
            case "sinh" -> Math::sinh;
            case "tanh" -> Math::tanh;
            case "acosh" -> f -> f < 1 ? Double.NaN : Math.log(f + Math.sqrt(f * f - 1));
            case "asinh" -> FunctionCalls::asinh;
            case "atanh" -> f -> Math.abs(f) > 1 ? Double.NaN : 0.5 * Math.log((1 + f) / (1 - f));
            case "deg" -> f -> f * 180 / Math.PI;
            case "rad" -> f -> f * Math.PI / 180;
            default -> null;
        };
    }

    private static double asinh(double f) {
        if (Double.isInfinite(f) || f == 0) {
            return f;
        }
        double a = Math.abs(f);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return f < 0 ? -r : r;
    }

    /** Go's Log2 is exact for powers of two. */
    private static double log2(double f) {
        if (f > 0 && !Double.isInfinite(f)) {
            int exp = Math.getExponent(f);
            if (f == Math.scalb(1.0, exp)) {
                return exp;
            }
        }
        return Math.log(f) / Math.log(2);
    }

    private static List<Elem> timestamp(Evaluator ev, Expr arg, long t) {
        Expr inner = arg;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        if (inner instanceof VectorSelector vs) {
            return Selectors.instantTimestamps(ev, vs, t);
        }
        return map(ev.evalVector(arg, t), f -> t / 1000.0);
    }

    /** absent/absent_over_time: one sample labelled from the selector's equality matchers when the input is empty. */
    static List<Elem> absent(List<?> in, Expr arg) {
        List<Elem> out = new ArrayList<>();
        if (!in.isEmpty()) {
            return out;
        }
        out.add(new Elem(absentLabels(arg), 1, false));
        return out;
    }

    static Labels absentLabels(Expr arg) {
        Expr inner = arg;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        List<LabelMatcher> matchers;
        if (inner instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (inner instanceof MatrixSelector ms) {
            matchers = ms.vector().matchers();
        } else {
            return Labels.EMPTY;
        }
        TreeMap<String, String> m = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LabelMatcher lm : matchers) {
            if (lm.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!seen.add(lm.name())) {
                m.remove(lm.name());
            } else if (lm.op() == LabelMatcher.Op.EQ) {
                m.put(lm.name(), lm.value());
            }
        }
        return Labels.fromMap(m);
    }
}
