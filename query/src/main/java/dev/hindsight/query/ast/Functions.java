package dev.hindsight.query.ast;

import static dev.hindsight.query.ast.ValueType.MATRIX;
import static dev.hindsight.query.ast.ValueType.SCALAR;
import static dev.hindsight.query.ast.ValueType.STRING;
import static dev.hindsight.query.ast.ValueType.VECTOR;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The table of PromQL functions with their argument and return types, following Prometheus's
 * {@code promql/parser/functions.go}. It includes the float functions, the trigonometric ones,
 * the experimental ones the conformance scripts use ({@code sort_by_label}, {@code mad_over_time},
 * {@code first_over_time}, {@code ts_of_*_over_time}, {@code double_exponential_smoothing}) and
 * the query-range functions {@code start() end() step() range()} and {@code min_of}/{@code max_of},
 * the {@code histogram_*} functions (so queries over classic histograms parse; an engine without
 * native histograms may still reject them when evaluating). Immutable.
 */
public final class Functions {

    private static final Map<String, FunctionSignature> TABLE = build();

    private Functions() {
    }

    public static Optional<FunctionSignature> lookup(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** All functions, sorted by name. */
    public static Collection<FunctionSignature> all() {
        return TABLE.values();
    }

    private static Map<String, FunctionSignature> build() {
        Map<String, FunctionSignature> t = new TreeMap<>();
        // f(instant vector) -> instant vector
        for (String n : List.of("abs", "absent", "ceil", "exp", "floor", "ln", "log10", "log2",
                "sgn", "sort", "sort_desc", "sqrt", "timestamp",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "deg", "rad",
                "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar")) {
            add(t, n, 0, VECTOR, VECTOR);
        }
        // f(range vector) -> instant vector
        for (String n : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "first_over_time", "mad_over_time",
                "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
                "stdvar_over_time", "sum_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
                "ts_of_max_over_time", "ts_of_min_over_time")) {
            add(t, n, 0, VECTOR, MATRIX);
        }
        // date functions: optional instant vector, default vector(time())
        for (String n : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            add(t, n, 1, VECTOR, VECTOR);
        }
        add(t, "clamp", 0, VECTOR, VECTOR, SCALAR, SCALAR);
        add(t, "clamp_max", 0, VECTOR, VECTOR, SCALAR);
        add(t, "clamp_min", 0, VECTOR, VECTOR, SCALAR);
        add(t, "histogram_quantile", 0, VECTOR, SCALAR, VECTOR);
        add(t, "histogram_quantiles", -1, VECTOR, VECTOR, STRING, SCALAR);
        add(t, "histogram_fraction", 0, VECTOR, SCALAR, SCALAR, VECTOR);
        add(t, "holt_winters", 0, VECTOR, MATRIX, SCALAR, SCALAR);
        add(t, "double_exponential_smoothing", 0, VECTOR, MATRIX, SCALAR, SCALAR);
        add(t, "label_join", -1, VECTOR, VECTOR, STRING, STRING, STRING);
        add(t, "label_replace", 0, VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        add(t, "pi", 0, SCALAR);
        add(t, "predict_linear", 0, VECTOR, MATRIX, SCALAR);
        add(t, "quantile_over_time", 0, VECTOR, SCALAR, MATRIX);
        add(t, "round", 1, VECTOR, VECTOR, SCALAR);
        add(t, "scalar", 0, SCALAR, VECTOR);
        add(t, "sort_by_label", -1, VECTOR, VECTOR, STRING);
        add(t, "sort_by_label_desc", -1, VECTOR, VECTOR, STRING);
        add(t, "time", 0, SCALAR);
        // query-range functions (recent Prometheus): start and end of the range, its step and length
        add(t, "start", 0, SCALAR);
        add(t, "end", 0, SCALAR);
        add(t, "step", 0, SCALAR);
        add(t, "range", 0, SCALAR);
        add(t, "min_of", 0, SCALAR, SCALAR, SCALAR);
        add(t, "max_of", 0, SCALAR, SCALAR, SCALAR);
        add(t, "vector", 0, VECTOR, SCALAR);
        return java.util.Collections.unmodifiableMap(t);
    }

    private static void add(Map<String, FunctionSignature> t, String name, int variadic, ValueType ret,
            ValueType... args) {
        t.put(name, new FunctionSignature(name, List.of(args), variadic, ret));
    }
}
