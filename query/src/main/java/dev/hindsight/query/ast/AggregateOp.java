package dev.hindsight.query.ast;

import java.util.Locale;
import java.util.Optional;

/** An aggregation operator; {@link #hasParam()} tells whether it takes a first parameter. */
public enum AggregateOp {
    SUM, AVG, MIN, MAX, COUNT, STDDEV, STDVAR, TOPK, BOTTOMK, QUANTILE, COUNT_VALUES, GROUP, LIMITK, LIMIT_RATIO;

    /** Whether the operator takes a parameter: topk/bottomk/limitk k, quantile q, count_values label, limit_ratio r. */
    public boolean hasParam() {
        return switch (this) {
            case TOPK, BOTTOMK, QUANTILE, COUNT_VALUES, LIMITK, LIMIT_RATIO -> true;
            default -> false;
        };
    }

    /** The type the parameter must have (string for count_values, else scalar); null if none. */
    public ValueType paramType() {
        if (!hasParam()) {
            return null;
        }
        return this == COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
    }

    /** The keyword as written in PromQL, lower case. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks an operator up by keyword, case-insensitively. */
    public static Optional<AggregateOp> fromKeyword(String word) {
        try {
            return Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return keyword();
    }
}
