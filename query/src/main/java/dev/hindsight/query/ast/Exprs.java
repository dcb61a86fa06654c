package dev.hindsight.query.ast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Small helpers over trees: children, pre-order walks, parenthesis unwrapping. Stateless. */
public final class Exprs {

    private Exprs() {
    }

    /** The expression inside any number of parentheses: {@code ((x))} gives {@code x}. */
    public static Expr unwrapParens(Expr e) {
        Expr cur = e;
        while (cur instanceof ParenExpr p) {
            cur = p.expr();
        }
        return cur;
    }

    /** The direct sub-expressions, left to right (an aggregation's parameter comes before its operand). */
    public static List<Expr> children(Expr e) {
        if (e instanceof MatrixSelector m) {
            return List.of(m.vector());
        }
        if (e instanceof SubqueryExpr s) {
            return List.of(s.expr());
        }
        if (e instanceof UnaryExpr u) {
            return List.of(u.expr());
        }
        if (e instanceof ParenExpr p) {
            return List.of(p.expr());
        }
        if (e instanceof BinaryExpr b) {
            return List.of(b.lhs(), b.rhs());
        }
        if (e instanceof AggregateExpr a) {
            return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
        }
        if (e instanceof Call c) {
            return c.args();
        }
        return List.of();
    }

    /** Visits {@code root} and every descendant in pre-order, without recursion. */
    public static void walk(Expr root, Consumer<Expr> visitor) {
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            visitor.accept(e);
            List<Expr> kids = children(e);
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
    }

    /** Every vector selector in the tree (including those inside range selectors), in source order. */
    public static List<VectorSelector> selectors(Expr root) {
        List<VectorSelector> out = new ArrayList<>();
        walk(root, e -> {
            if (e instanceof VectorSelector vs) {
                out.add(vs);
            }
        });
        return out;
    }
}
