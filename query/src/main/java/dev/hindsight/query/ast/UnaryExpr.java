package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/** A unary {@code -expr} ({@code negate=true}) or {@code +expr}; signs of number literals are folded instead. */
public record UnaryExpr(boolean negate, Expr expr, Position position) implements Expr {

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return (negate ? "-" : "+") + expr;
    }
}
