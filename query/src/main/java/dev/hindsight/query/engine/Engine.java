package dev.hindsight.query.engine;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.ValueType;
import dev.hindsight.query.parser.QueryParser;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SeriesSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.function.LongSupplier;

/**
 * The PromQL engine: parses a query and evaluates it as an instant query (one time) or a
 * range query (a grid of steps) against a {@link SeriesSource}. Thread-safe: every query gets
 * its own {@link Evaluator} and {@link Budget}; the engine itself holds only configuration.
 * Errors surface as {@link QueryException} (BAD_DATA, EXECUTION, TIMEOUT, TOO_MANY_SAMPLES).
 */
public final class Engine {
    private static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private final SeriesSource source;
    private final EngineLimits limits;
    private final LongSupplier nanoClock;

    public Engine(SeriesSource source, EngineLimits limits) {
        this(source, limits, System::nanoTime);
    }

    /** With an injected monotonic clock (nanoseconds), for deadline tests. */
    public Engine(SeriesSource source, EngineLimits limits, LongSupplier nanoClock) {
        this.source = source;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    public EngineLimits limits() {
        return limits;
    }

    /** Evaluates {@code query} at one time (ms since the epoch). */
    public QueryResult instant(String query, long timeMs) {
        try {
            Expr expr = QueryParser.parse(query);
            return instant(expr, timeMs);
        } catch (QueryException e) {
            throw e.query() == null ? e.withQuery(query) : e;
        }
    }

    /** Evaluates {@code query} at every step from start to end (inclusive, ms). */
    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        try {
            Expr expr = QueryParser.parse(query);
            return range(expr, startMs, endMs, stepMs);
        } catch (QueryException e) {
            throw e.query() == null ? e.withQuery(query) : e;
        }
    }

    /** Evaluates a parsed expression at one time. */
    public QueryResult instant(Expr expr, long timeMs) {
        Budget budget = newBudget();
        Evaluator ev = new Evaluator(source, limits, budget, timeMs, timeMs, 0, timeMs, timeMs, 0);
        Object v = ev.eval(expr, timeMs);
        Value value;
        if (v instanceof Double d) {
            value = new Scalar(timeMs, d);
        } else if (v instanceof String s) {
            value = new StringValue(timeMs, s);
        } else if (v instanceof RangeVal rv) {
            value = toMatrix(rv);
        } else {
            @SuppressWarnings("unchecked")
            List<Elem> vec = (List<Elem>) v;
            value = toVector(vec, timeMs);
        }
        return new QueryResult(value, budget.peak(), List.of());
    }

    /**
     * Evaluates a parsed expression over a range; the result is always a matrix. Selectors,
     * range functions and aggregations of them go series at a time ({@link SeriesAtATime}),
     * anything else step by step.
     */
    public QueryResult range(Expr expr, long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new QueryException(QueryException.Kind.BAD_DATA, Position.NONE,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs) {
            throw new QueryException(QueryException.Kind.BAD_DATA, Position.NONE,
                    "end timestamp must not be before start time");
        }
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            throw new QueryException(QueryException.Kind.BAD_DATA, expr.position(),
                    "invalid expression type \"" + typeName(expr.type()) + "\" for range query, must be Scalar or instant Vector");
        }
        if (SeriesAtATime.supports(expr, (endMs - startMs) / stepMs + 1)) {
            Budget budget = newBudget();
            Evaluator ev = new Evaluator(source, limits, budget, startMs, endMs, stepMs, startMs, endMs, stepMs);
            try {
                Matrix m = SeriesAtATime.toMatrix(ev, SeriesAtATime.eval(ev, expr));
                return new QueryResult(m, budget.peak(), List.of());
            } catch (ColumnBinaryOps.NotColumnar e) {
                // series that may clash at some step: Prometheus's checks are per step
            }
        }
        return rangeStepByStep(expr, startMs, endMs, stepMs);
    }

    /** A range query evaluated one step at a time, whatever the expression (checked arguments). */
    QueryResult rangeStepByStep(Expr expr, long startMs, long endMs, long stepMs) {
        Budget budget = newBudget();
        Evaluator ev = new Evaluator(source, limits, budget, startMs, endMs, stepMs, startMs, endMs, stepMs);
        Map<Labels, SeriesBuilder> out = new HashMap<>();
        Map<Labels, Labels> dropped = new HashMap<>();
        for (long t = startMs; t <= endMs; t += stepMs) {
            budget.checkNow();
            Object v = ev.eval(expr, t);
            if (v instanceof Double d) {
                out.computeIfAbsent(Labels.EMPTY, SeriesBuilder::new).add(t, d);
                budget.add(1);
            } else {
                @SuppressWarnings("unchecked")
                List<Elem> vec = (List<Elem>) v;
                for (Elem el : vec) {
                    Labels ls = el.dropName() ? dropped.computeIfAbsent(el.labels(), l -> l.without(Labels.METRIC_NAME))
                            : el.labels();
                    SeriesBuilder sb = out.computeIfAbsent(ls, SeriesBuilder::new);
                    if (sb.n > 0 && sb.ts[sb.n - 1] == t) {
                        throw Evaluator.execError(DUPLICATE);
                    }
                    sb.add(t, el.v());
                }
                budget.add(vec.size());
            }
            ev.endStep();
        }
        List<SeriesBuilder> sorted = new ArrayList<>(out.values());
        sorted.sort((a, b) -> a.labels.compareTo(b.labels));
        List<Matrix.Series> series = new ArrayList<>(out.size());
        for (SeriesBuilder sb : sorted) {
            series.add(new Matrix.Series(sb.labels, sb.timestamps(), sb.values()));
        }
        return new QueryResult(new Matrix(series), budget.peak(), List.of());
    }

    private Budget newBudget() {
        return new Budget(limits.maxSamples(), limits.timeout().toNanos(), nanoClock);
    }

    private static Vector toVector(List<Elem> vec, long t) {
        List<Vector.Sample> samples = new ArrayList<>(vec.size());
        Set<Labels> seen = new HashSet<>();
        for (Elem el : vec) {
            Labels ls = el.finalLabels();
            if (!seen.add(ls)) {
                throw Evaluator.execError(DUPLICATE);
            }
            samples.add(new Vector.Sample(ls, t, el.v()));
        }
        return new Vector(samples);
    }

    private static Matrix toMatrix(RangeVal rv) {
        List<Matrix.Series> series = new ArrayList<>(rv.windows().size());
        Set<Labels> seen = new HashSet<>();
        for (Window w : rv.windows()) {
            Labels ls = w.dropName() ? w.labels().without(Labels.METRIC_NAME) : w.labels();
            if (!seen.add(ls)) {
                throw Evaluator.execError(DUPLICATE);
            }
            long[] ts = java.util.Arrays.copyOfRange(w.ts(), w.from(), w.to());
            double[] vs = java.util.Arrays.copyOfRange(w.vs(), w.from(), w.to());
            series.add(new Matrix.Series(ls, ts, vs));
        }
        return new Matrix(series);
    }

    static String typeName(ValueType t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            case STRING -> "string";
        };
    }
}
