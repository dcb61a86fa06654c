package dev.hindsight.query.engine;

import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.BinaryOp;
import dev.hindsight.query.ast.Cardinality;
import dev.hindsight.query.ast.VectorMatching;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arithmetic and comparison operators between series-at-a-time operands ({@link StepColumn}s):
 * a vector and a number literal, or two vectors matched one-to-one (default, {@code on} or
 * {@code ignoring}). A series' matching signature and result labels do not change from step
 * to step, so the matching is done once per pair of columns instead of once per step, which
 * is what {@link BinaryOps} does for a step-by-step evaluation. The results are the same.
 *
 * <p>Two vectors where a signature has more than one series on a side (which may or may not
 * clash at some step, and then fails with Prometheus's message) are not evaluated here: {@link
 * NotColumnar} tells the engine to evaluate the query step by step instead.
 */
final class ColumnBinaryOps {
    private ColumnBinaryOps() {
    }

    /** The operands cannot be matched column by column; evaluate step by step. */
    static final class NotColumnar extends RuntimeException {
        NotColumnar() {
            super(null, null, false, false);
        }
    }

    /** Whether the operator and its matching are ones {@link #vectorScalar}/{@link #vectorVector} handle. */
    static boolean supports(BinaryExpr b) {
        if (b.op().isSetOperator()) {
            return false;
        }
        VectorMatching m = b.matching();
        return m == null || m.card() == Cardinality.ONE_TO_ONE && m.include().isEmpty();
    }

    /** {@code column op scalar} (or {@code scalar op column} when {@code scalarLeft}), column by column. */
    static List<StepColumn> vectorScalar(BinaryExpr b, List<StepColumn> columns, double scalar, boolean scalarLeft) {
        BinaryOp op = b.op();
        boolean filter = op.isComparison() && !b.returnBool();
        List<StepColumn> out = new ArrayList<>(columns.size());
        for (StepColumn c : columns) {
            StepColumn r = new StepColumn(c.labels, filter ? c.dropName : true, c.values.length);
            for (int k = c.next(0); k >= 0; k = c.next(k + 1)) {
                double v = c.values[k];
                set(r, k, b, scalarLeft ? scalar : v, scalarLeft ? v : scalar, v);
            }
            if (r.count() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Step {@code k} of a result: the operator applied to {@code l} and {@code r}; for a
     * comparison, 1 or 0 with {@code bool}, else {@code kept} when it holds (absent when not).
     */
    private static void set(StepColumn out, int k, BinaryExpr b, double l, double r, double kept) {
        BinaryOp op = b.op();
        if (!op.isComparison()) {
            out.set(k, BinaryOps.apply(op, l, r));
            return;
        }
        boolean holds = BinaryOps.compare(op, l, r);
        if (b.returnBool()) {
            out.set(k, holds ? 1 : 0);
        } else if (holds) {
            out.set(k, kept);
        }
    }

    /** {@code lhs op rhs} matched one-to-one; throws {@link NotColumnar} when a signature is not unique on a side. */
    static List<StepColumn> vectorVector(BinaryExpr b, List<StepColumn> lhs, List<StepColumn> rhs) {
        BinaryOp op = b.op();
        VectorMatching m = b.matching() != null ? b.matching() : VectorMatching.defaultFor(op);
        Map<String, StepColumn> right = new HashMap<>();
        for (StepColumn c : rhs) {
            if (right.put(LabelSets.signature(c.labels, m.on(), m.labels()), c) != null) {
                throw new NotColumnar();
            }
        }
        Map<String, StepColumn> left = new HashMap<>();
        List<StepColumn> out = new ArrayList<>();
        for (StepColumn l : lhs) {
            String sig = LabelSets.signature(l.labels, m.on(), m.labels());
            if (left.put(sig, l) != null) {
                throw new NotColumnar();
            }
            StepColumn r = right.get(sig);
            if (r == null) {
                continue;
            }
            boolean drop = b.returnBool() || BinaryOps.dropsName(op) || l.dropName;
            StepColumn res = new StepColumn(BinaryOps.resultMetric(l.labels, r.labels, m), drop, l.values.length);
            for (int k = l.next(0); k >= 0; k = l.next(k + 1)) {
                if (!r.has(k)) {
                    continue;
                }
                set(res, k, b, l.values[k], r.values[k], l.values[k]);
            }
            if (res.count() > 0) {
                out.add(res);
            }
        }
        return out;
    }
}
