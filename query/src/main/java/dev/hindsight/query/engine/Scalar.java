package dev.hindsight.query.engine;

import dev.hindsight.query.ast.ValueType;

/** A single number at a time. */
public record Scalar(long t, double v) implements Value {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
