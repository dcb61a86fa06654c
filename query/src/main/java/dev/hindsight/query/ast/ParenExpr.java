package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/** An expression in parentheses; kept so printing preserves the written grouping. */
public record ParenExpr(Expr expr, Position position) implements Expr {

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return "(" + expr + ")";
    }
}
