package dev.hindsight.query.ast;

import dev.hindsight.query.Position;

/**
 * A subquery, e.g. {@code rate(foo[1m])[10m:30s] offset 1m}. {@code stepMs == 0} means the
 * default step: the engine uses the global evaluation interval. {@code at} is null when absent.
 */
public record SubqueryExpr(Expr expr, long rangeMs, long stepMs, long offsetMs, AtModifier at,
        Position position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public SubqueryExpr withModifiers(long newOffsetMs, AtModifier newAt, Position newPosition) {
        return new SubqueryExpr(expr, rangeMs, stepMs, newOffsetMs, newAt, newPosition);
    }

    @Override
    public String toString() {
        return expr + "[" + Printer.duration(rangeMs) + ":" + (stepMs == 0 ? "" : Printer.duration(stepMs)) + "]"
                + Printer.modifiers(at, offsetMs);
    }
}
