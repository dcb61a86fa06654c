package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.BinaryOp;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Cardinality;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.FunctionSignature;
import dev.hindsight.query.ast.StringLiteral;
import dev.hindsight.query.ast.UnaryExpr;
import dev.hindsight.query.ast.ValueType;
import dev.hindsight.query.ast.VectorMatching;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.LabelMatcher;

/**
 * Prometheus's {@code checkAST} rules, applied as each node is built. Each method throws the
 * first violation as a {@code QueryException} (BAD_DATA) with the offending part's position.
 */
final class TypeChecks {

    private final SourceText src;

    TypeChecks(SourceText src) {
        this.src = src;
    }

    void expectType(Expr e, ValueType want, String context) {
        if (e.type() != want) {
            throw src.error(e.position(), "expected type " + want.documentedName() + " in " + context
                    + ", got " + e.type().documentedName());
        }
    }

    void selector(VectorSelector vs) {
        boolean nameMatcherSeen = false;
        for (LabelMatcher m : vs.matchers()) {
            if (vs.name() != null && m.name().equals("__name__")) {
                if (nameMatcherSeen) {
                    throw src.error(vs.position(), "metric name must not be set twice: \"" + vs.name()
                            + "\" or \"" + m.value() + "\"");
                }
                nameMatcherSeen = true;
            }
        }
        for (LabelMatcher m : vs.matchers()) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        throw src.error(vs.position(), "vector selector must contain at least one non-empty matcher");
    }

    void unary(UnaryExpr u) {
        ValueType t = u.expr().type();
        if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
            throw src.error(u.position(), "unary expression only allowed on expressions of type scalar or "
                    + "instant vector, got \"" + t.documentedName() + "\"");
        }
    }

    /**
     * Checks a binary operation and returns the matching to store: null unless both sides are
     * vectors; set operators get many-to-many.
     */
    VectorMatching binary(BinaryOp op, Expr lhs, Expr rhs, VectorMatching written, boolean returnBool,
            Position opPos, Position nodePos) {
        if (returnBool && !op.isComparison()) {
            throw src.error(opPos, "bool modifier can only be used on comparison operators");
        }
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw src.error(opPos, "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching m = written == null ? VectorMatching.defaultFor(op) : written;
        if (op.isSetOperator() && m.card() == Cardinality.ONE_TO_ONE) {
            m = new VectorMatching(Cardinality.MANY_TO_MANY, m.labels(), m.on(), m.include());
        }
        if (m.on()) {
            for (String l : m.labels()) {
                if (m.include().contains(l)) {
                    throw src.error(opPos, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw src.error(lhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw src.error(rhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (written != null && !written.labels().isEmpty()) {
                throw src.error(nodePos, "vector matching only allowed between instant vectors");
            }
            if (op.isSetOperator()) {
                throw src.error(nodePos, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
            }
            return null;
        }
        if (op.isSetOperator()) {
            if (m.card() == Cardinality.ONE_TO_MANY || m.card() == Cardinality.MANY_TO_ONE) {
                throw src.error(nodePos, "no grouping allowed for \"" + op.symbol() + "\" operation");
            }
        }
        return m;
    }

    void aggregate(AggregateExpr a) {
        expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
        if (a.op().hasParam()) {
            expectType(a.param(), a.op().paramType(), "aggregation parameter");
        }
    }

    void call(Call c, Position namePos) {
        FunctionSignature f = c.function();
        int n = c.args().size();
        int declared = f.argTypes().size();
        if (f.variadic() == 0) {
            if (n != declared) {
                throw src.error(c.position(), "expected " + declared + " argument(s) in call to \"" + f.name()
                        + "\", got " + n);
            }
        } else if (n < f.minArgs()) {
            throw src.error(c.position(), "expected at least " + f.minArgs() + " argument(s) in call to \""
                    + f.name() + "\", got " + n);
        } else if (n > f.maxArgs()) {
            throw src.error(c.position(), "expected at most " + f.maxArgs() + " argument(s) in call to \""
                    + f.name() + "\", got " + n);
        }
        for (int i = 0; i < n; i++) {
            expectType(c.args().get(i), f.argType(i), "call to function \"" + f.name() + "\"");
        }
        if (f.name().equals("label_replace") || f.name().equals("label_join")) {
            Expr dst = c.args().get(1);
            if (dst instanceof StringLiteral s && (s.value().isEmpty() || !Literals.isValidUtf8(src.query()
                    .substring(s.position().start(), s.position().end())))) {
                throw src.error(dst.position(), "invalid destination label name in " + f.name() + "(): "
                        + s.value());
            }
        }
    }
}
