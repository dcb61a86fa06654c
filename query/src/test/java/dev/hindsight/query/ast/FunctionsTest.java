package dev.hindsight.query.ast;

import static dev.hindsight.query.ast.ValueType.MATRIX;
import static dev.hindsight.query.ast.ValueType.SCALAR;
import static dev.hindsight.query.ast.ValueType.STRING;
import static dev.hindsight.query.ast.ValueType.VECTOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionsTest {

    private static final List<String> REQUIRED = List.of("abs", "absent", "absent_over_time", "avg_over_time",
            "ceil", "changes", "clamp", "clamp_max", "clamp_min", "count_over_time", "day_of_month", "day_of_week",
            "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_quantile", "holt_winters",
            "double_exponential_smoothing", "hour", "idelta", "increase", "irate", "label_join", "label_replace",
            "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time", "minute",
            "month", "predict_linear", "present_over_time", "quantile_over_time", "rate", "resets", "round",
            "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "time", "timestamp", "vector", "year", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi");

    @Test
    void everyPromqlFloatFunctionIsKnown() {
        for (String name : REQUIRED) {
            assertThat(FunctionSignature.lookup(name)).as(name).isPresent();
        }
        assertThat(FunctionSignature.lookup("Rate")).isEmpty();
    }

    @Test
    void signaturesFollowPrometheus() {
        assertThat(FunctionSignature.lookup("rate").orElseThrow())
                .isEqualTo(new FunctionSignature("rate", List.of(MATRIX), 0, VECTOR));
        FunctionSignature round = FunctionSignature.lookup("round").orElseThrow();
        assertThat(round.minArgs()).isEqualTo(1);
        assertThat(round.maxArgs()).isEqualTo(2);
        FunctionSignature join = FunctionSignature.lookup("label_join").orElseThrow();
        assertThat(join.minArgs()).isEqualTo(3);
        assertThat(join.maxArgs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(join.argType(7)).isEqualTo(STRING);
        FunctionSignature hour = FunctionSignature.lookup("hour").orElseThrow();
        assertThat(hour.minArgs()).isZero();
        assertThat(hour.maxArgs()).isEqualTo(1);
        assertThat(FunctionSignature.lookup("histogram_quantile").orElseThrow().argTypes())
                .containsExactly(SCALAR, VECTOR);
        assertThat(FunctionSignature.lookup("scalar").orElseThrow().returnType()).isEqualTo(SCALAR);
        assertThat(FunctionSignature.lookup("pi").orElseThrow().argTypes()).isEmpty();
    }
}
