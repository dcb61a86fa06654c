package dev.hindsight.query.promqltest;

import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.ast.SubqueryExpr;
import dev.hindsight.query.ast.UnaryExpr;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.query.parser.QueryParser;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;

/** Finds the selectors of a query, to tell whether it reads native-histogram series. */
final class AstSelectors {
    private AstSelectors() {
    }

    static boolean selectsAny(String query, List<Labels> series) {
        Expr e;
        try {
            e = QueryParser.parse(query);
        } catch (RuntimeException ex) {
            return false;
        }
        List<VectorSelector> out = new ArrayList<>();
        collect(e, out);
        for (VectorSelector vs : out) {
            for (Labels ls : series) {
                if (vs.matchers().stream().allMatch((LabelMatcher m) -> m.matches(ls))) {
                    return true;
                }
            }
        }
        return false;
    }

    static void collect(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector vs) {
            out.add(vs);
        } else if (e instanceof MatrixSelector ms) {
            out.add(ms.vector());
        } else if (e instanceof SubqueryExpr sq) {
            collect(sq.expr(), out);
        } else if (e instanceof ParenExpr p) {
            collect(p.expr(), out);
        } else if (e instanceof UnaryExpr u) {
            collect(u.expr(), out);
        } else if (e instanceof BinaryExpr b) {
            collect(b.lhs(), out);
            collect(b.rhs(), out);
        } else if (e instanceof AggregateExpr a) {
            collect(a.expr(), out);
            if (a.param() != null) {
                collect(a.param(), out);
            }
        } else if (e instanceof Call c) {
            for (Expr arg : c.args()) {
                collect(arg, out);
            }
        }
    }

    /** Functions whose result varies with evaluation time even when their arguments are step invariant. */
    private static final java.util.Set<String> AT_UNSAFE = java.util.Set.of("days_in_month", "day_of_month",
            "day_of_week", "day_of_year", "hour", "minute", "month", "year", "predict_linear", "time", "timestamp",
            "step", "range", "start", "end");

    /**
     * Prometheus's step-invariance rewrite: every selector and subquery without an {@code @}
     * gets {@code @ t} (nothing inside a subquery is touched). Returns null when the query uses
     * a function that makes the rewrite unsafe.
     */
    static Expr pinToTime(Expr e, long t) {
        if (e instanceof VectorSelector vs) {
            return vs.at() != null ? vs : vs.withModifiers(vs.offsetMs(), dev.hindsight.query.ast.AtModifier.at(t), vs.position());
        } else if (e instanceof MatrixSelector ms) {
            return new MatrixSelector((VectorSelector) pinToTime(ms.vector(), t), ms.rangeMs(), ms.position());
        } else if (e instanceof SubqueryExpr sq) {
            if (containsUnsafe(sq.expr())) {
                return null;
            }
            return sq.at() != null ? sq : sq.withModifiers(sq.offsetMs(), dev.hindsight.query.ast.AtModifier.at(t), sq.position());
        } else if (e instanceof ParenExpr p) {
            Expr in = pinToTime(p.expr(), t);
            return in == null ? null : new ParenExpr(in, p.position());
        } else if (e instanceof UnaryExpr u) {
            Expr in = pinToTime(u.expr(), t);
            return in == null ? null : new UnaryExpr(u.negate(), in, u.position());
        } else if (e instanceof BinaryExpr b) {
            Expr l = pinToTime(b.lhs(), t);
            Expr r = pinToTime(b.rhs(), t);
            return l == null || r == null ? null
                    : new BinaryExpr(b.op(), l, r, b.matching(), b.returnBool(), b.position());
        } else if (e instanceof AggregateExpr a) {
            Expr in = pinToTime(a.expr(), t);
            Expr param = a.param() == null ? null : pinToTime(a.param(), t);
            return in == null || (a.param() != null && param == null) ? null
                    : new AggregateExpr(a.op(), in, param, a.grouping(), a.without(), a.position());
        } else if (e instanceof Call c) {
            if (AT_UNSAFE.contains(c.function().name())) {
                return null;
            }
            List<Expr> args = new ArrayList<>();
            for (Expr arg : c.args()) {
                Expr x = pinToTime(arg, t);
                if (x == null) {
                    return null;
                }
                args.add(x);
            }
            return new Call(c.function(), args, c.position());
        }
        return e;
    }

    private static boolean containsUnsafe(Expr e) {
        if (e instanceof Call c && AT_UNSAFE.contains(c.function().name())) {
            return true;
        }
        List<Expr> children = new ArrayList<>();
        if (e instanceof SubqueryExpr sq) {
            children.add(sq.expr());
        } else if (e instanceof ParenExpr p) {
            children.add(p.expr());
        } else if (e instanceof UnaryExpr u) {
            children.add(u.expr());
        } else if (e instanceof BinaryExpr b) {
            children.add(b.lhs());
            children.add(b.rhs());
        } else if (e instanceof AggregateExpr a) {
            children.add(a.expr());
            if (a.param() != null) {
                children.add(a.param());
            }
        } else if (e instanceof Call c) {
            children.addAll(c.args());
        }
        return children.stream().anyMatch(AstSelectors::containsUnsafe);
    }
}
