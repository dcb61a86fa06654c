package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/** A float literal, e.g. {@code 1.5}, {@code 0x1f}, {@code -Inf}. A leading sign is folded into the value. */
public record NumberLiteral(double value, Position position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return Printer.number(value);
    }
}
