package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/**
 * A PromQL expression. Every node knows its source {@link #position()} and its static
 * {@link #type()}; {@code toString()} prints PromQL text that parses back to an equal tree
 * (ignoring positions).
 */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector,
        MatrixSelector, SubqueryExpr, UnaryExpr, BinaryExpr, AggregateExpr, Call, ParenExpr {

    Position position();

    ValueType type();
}
