package dev.hindsight.query.engine;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AtModifier;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.NumberLiteral;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.ast.StringLiteral;
import dev.hindsight.query.ast.SubqueryExpr;
import dev.hindsight.query.ast.UnaryExpr;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SeriesSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one expression tree over a fixed grid of steps {@code start, start+step, ..., end},
 * one step at a time, calling {@link #eval} with non-decreasing times. Per-node state
 * (selector cursors, materialized subqueries) lives in {@link #states}. Values are
 * {@code Double} (scalar), {@code String}, {@code List<Elem>} (instant vector) or
 * {@link RangeVal} (range vector). Single-threaded: one evaluator per query (and per subquery).
 */
final class Evaluator {
    final SeriesSource source;
    final EngineLimits limits;
    final Budget budget;
    final long start;
    final long end;
    final long step;
    final long queryStart;
    final long queryEnd;
    final long queryStep;
    private final Map<Object, Object> states = new HashMap<>();
    private long stepSamples;

    Evaluator(SeriesSource source, EngineLimits limits, Budget budget, long start, long end, long step,
            long queryStart, long queryEnd, long queryStep) {
        this.source = source;
        this.limits = limits;
        this.budget = budget;
        this.start = start;
        this.end = end;
        this.step = step;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.queryStep = queryStep;
    }

    /** Number of steps of the grid (start, start + step, ..., end); 1 for an instant evaluation. */
    int steps() {
        return step <= 0 ? 1 : (int) ((end - start) / step) + 1;
    }

    Object state(Object key) {
        return states.get(key);
    }

    void putState(Object key, Object value) {
        states.put(key, value);
    }

    /** Counts samples produced at this step; released by {@link #endStep}. */
    void stepSamples(long n) {
        budget.add(n);
        stepSamples += n;
    }

    void endStep() {
        budget.release(stepSamples);
        stepSamples = 0;
    }

    /** The time a selector with these modifiers reads at step time t. */
    long selectorTime(AtModifier at, long offsetMs, long t) {
        long base = t;
        if (at != null) {
            base = switch (at.kind()) {
                case START -> queryStart;
                case END -> queryEnd;
                case TIMESTAMP -> at.timestampMs();
            };
        }
        return base - offsetMs;
    }

    Object eval(Expr e, long t) {
        budget.check();
        if (e instanceof NumberLiteral n) {
            return n.value();
        } else if (e instanceof StringLiteral s) {
            return s.value();
        } else if (e instanceof ParenExpr p) {
            return eval(p.expr(), t);
        } else if (e instanceof VectorSelector vs) {
            return Selectors.instant(this, vs, t);
        } else if (e instanceof MatrixSelector ms) {
            return Selectors.range(this, ms, Aggregate.RAW, t);
        } else if (e instanceof SubqueryExpr sq) {
            return Subqueries.eval(this, sq, t);
        } else if (e instanceof UnaryExpr u) {
            return unary(u, t);
        } else if (e instanceof BinaryExpr b) {
            return BinaryOps.eval(this, b, t);
        } else if (e instanceof AggregateExpr a) {
            return Aggregations.eval(this, a, t);
        } else if (e instanceof Call c) {
            return FunctionCalls.eval(this, c, t);
        }
        throw new IllegalStateException("unknown expression " + e.getClass());
    }

    double evalScalar(Expr e, long t) {
        return (Double) eval(e, t);
    }

    @SuppressWarnings("unchecked")
    List<Elem> evalVector(Expr e, long t) {
        return (List<Elem>) eval(e, t);
    }

    RangeVal evalRange(Expr e, long t) {
        return (RangeVal) eval(e, t);
    }

    private Object unary(UnaryExpr u, long t) {
        Object v = eval(u.expr(), t);
        if (!u.negate()) {
            return v;
        }
        if (v instanceof Double d) {
            return -d;
        }
        @SuppressWarnings("unchecked")
        List<Elem> in = (List<Elem>) v;
        List<Elem> out = new ArrayList<>(in.size());
        for (Elem el : in) {
            out.add(el.dropped(-el.v()));
        }
        return out;
    }

    static QueryException execError(Position pos, String msg) {
        return new QueryException(QueryException.Kind.EXECUTION, pos, msg);
    }

    static QueryException execError(String msg) {
        return new QueryException(QueryException.Kind.EXECUTION, Position.NONE, msg);
    }
}
