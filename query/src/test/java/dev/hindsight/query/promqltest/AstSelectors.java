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
}
