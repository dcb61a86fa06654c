package dev.hindsight.query.ast;

import dev.hindsight.query.Position;
import dev.hindsight.storage.select.LabelMatcher;
import java.util.List;

/**
 * An instant vector selector, e.g. {@code foo{job="api"} offset 5m @ 100}.
 * {@code name} is null when no metric name was written before the braces; when it was, the
 * matchers include a {@code __name__} EQ matcher for it (first in the list).
 * {@code at} is null when there is no {@code @} modifier.
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs,
        AtModifier at, Position position) implements Expr {

    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    /** The same selector with another offset and {@code @} modifier. */
    public VectorSelector withModifiers(long newOffsetMs, AtModifier newAt, Position newPosition) {
        return new VectorSelector(name, matchers, newOffsetMs, newAt, newPosition);
    }

    /** The selector without its {@code @} and {@code offset} suffix. */
    public String selectorString() {
        return Printer.selector(this);
    }

    @Override
    public String toString() {
        return selectorString() + Printer.modifiers(at, offsetMs);
    }
}
