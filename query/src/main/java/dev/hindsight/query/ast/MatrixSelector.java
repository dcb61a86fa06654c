package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/**
 * A range vector selector, e.g. {@code foo[5m] offset 1m}. An offset or {@code @} written
 * after the range is stored in the inner {@link VectorSelector}.
 */
public record MatrixSelector(VectorSelector vector, long rangeMs, Position position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public String toString() {
        return vector.selectorString() + "[" + Printer.duration(rangeMs) + "]"
                + Printer.modifiers(vector.at(), vector.offsetMs());
    }
}
