package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/**
 * A binary operation. {@code matching} is null unless both sides are instant vectors; then it is
 * never null ({@link VectorMatching#defaultFor} when no {@code on}/{@code ignoring} was written).
 * {@code returnBool} is the {@code bool} modifier of a comparison.
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool,
        Position position) implements Expr {

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                ? ValueType.SCALAR : ValueType.VECTOR;
    }

    @Override
    public String toString() {
        return lhs + " " + op.symbol() + (returnBool ? " bool" : "")
                + (matching == null ? "" : matching.toString()) + " " + rhs;
    }
}
