package dev.hindsight.query.engine;

import dev.hindsight.query.ast.ValueType;

/** A query result value: one of the four PromQL value types. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {
    ValueType type();
}
