package dev.hindsight.query.ast;

import dev.hindsight.storage.select.LabelMatcher;

/**
 * An explicit, unambiguous rendering of a tree, for comparing trees in tests and debugging:
 * two trees are equal ignoring positions iff {@code dump(a, false).equals(dump(b, false))}.
 * (Records holding a {@link java.util.regex.Pattern} do not compare equal by {@code equals}.)
 */
public final class AstDump {

    private final boolean positions;
    private final StringBuilder out = new StringBuilder();

    private AstDump(boolean positions) {
        this.positions = positions;
    }

    public static String dump(Expr e, boolean withPositions) {
        AstDump d = new AstDump(withPositions);
        d.node(e);
        return d.out.toString();
    }

    /** Whether two trees are the same apart from their positions. */
    public static boolean equalIgnoringPositions(Expr a, Expr b) {
        return dump(a, false).equals(dump(b, false));
    }

    private void node(Expr e) {
        out.append('(');
        if (e instanceof NumberLiteral n) {
            double v = n.value();
            out.append("num ").append(Double.doubleToLongBits(v) == Double.doubleToLongBits(-0.0) ? "-0.0"
                    : Double.isNaN(v) ? "NaN" : Double.toString(v));
        } else if (e instanceof StringLiteral s) {
            out.append("str ").append(Printer.quote(s.value()));
        } else if (e instanceof VectorSelector v) {
            vector(v);
        } else if (e instanceof MatrixSelector m) {
            out.append("matrix range=").append(m.rangeMs()).append(' ');
            node(m.vector());
        } else if (e instanceof SubqueryExpr s) {
            out.append("subquery range=").append(s.rangeMs()).append(" step=").append(s.stepMs())
                    .append(" offset=").append(s.offsetMs()).append(" at=").append(s.at()).append(' ');
            node(s.expr());
        } else if (e instanceof UnaryExpr u) {
            out.append(u.negate() ? "neg " : "plus ");
            node(u.expr());
        } else if (e instanceof BinaryExpr b) {
            VectorMatching vm = b.matching();
            out.append("binary ").append(b.op().name()).append(" bool=").append(b.returnBool())
                    .append(" matching=").append(vm == null ? "null"
                            : vm.card() + "/" + (vm.on() ? "on" : "ignoring") + vm.labels() + vm.include())
                    .append(' ');
            node(b.lhs());
            out.append(' ');
            node(b.rhs());
        } else if (e instanceof AggregateExpr a) {
            out.append("aggregate ").append(a.op().name()).append(a.without() ? " without" : " by")
                    .append(a.grouping()).append(' ');
            if (a.param() != null) {
                node(a.param());
                out.append(' ');
            }
            node(a.expr());
        } else if (e instanceof Call c) {
            out.append("call ").append(c.function().name());
            for (Expr arg : c.args()) {
                out.append(' ');
                node(arg);
            }
        } else if (e instanceof ParenExpr p) {
            out.append("paren ");
            node(p.expr());
        }
        if (positions) {
            out.append(" @").append(e.position().start()).append('-').append(e.position().end());
        }
        out.append(')');
    }

    private void vector(VectorSelector v) {
        out.append("vector name=").append(v.name() == null ? "null" : Printer.quote(v.name())).append(" [");
        for (LabelMatcher m : v.matchers()) {
            out.append(' ').append(Printer.quote(m.name())).append(m.op().name()).append(Printer.quote(m.value()));
        }
        out.append(" ] offset=").append(v.offsetMs()).append(" at=").append(v.at());
    }
}
