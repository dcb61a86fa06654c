package dev.hindsight.query.engine;

import dev.hindsight.query.ast.ValueType;

/** A string at a time (only string literals produce one). */
public record StringValue(long t, String v) implements Value {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
