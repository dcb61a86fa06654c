package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/** A string literal; {@code value} is unquoted (escapes resolved). */
public record StringLiteral(String value, Position position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        return Printer.quote(value);
    }
}
