package dev.hindsight.query.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.Position;
import dev.hindsight.storage.select.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {

    @Test
    void durationsUseTheLargestUnits() {
        assertThat(Printer.duration(0)).isEqualTo("0s");
        assertThat(Printer.duration(90 * 60_000L)).isEqualTo("1h30m");
        assertThat(Printer.duration(365L * 86_400_000)).isEqualTo("1y");
        assertThat(Printer.duration(8L * 86_400_000)).isEqualTo("1w1d");
        assertThat(Printer.duration(1_500)).isEqualTo("1s500ms");
        assertThat(Printer.duration(-300_000)).isEqualTo("-5m");
    }

    @Test
    void numbers() {
        assertThat(Printer.number(1)).isEqualTo("1");
        assertThat(Printer.number(-0.0)).isEqualTo("-0");
        assertThat(Printer.number(0.25)).isEqualTo("0.25");
        assertThat(Printer.number(1e20)).isEqualTo("1.0E20");
        assertThat(Printer.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Printer.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void stringsAreQuotedWithGoEscapes() {
        assertThat(Printer.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\x01\"");
        assertThat(Printer.quote("héllo")).isEqualTo("\"héllo\"");
    }

    @Test
    void selectorsHideTheNameMatcherAndQuoteOddNames() {
        Position p = Position.NONE;
        VectorSelector plain = new VectorSelector("foo", List.of(LabelMatcher.eq("__name__", "foo"),
                LabelMatcher.of(LabelMatcher.Op.RE, "job", "a.*")), 60_000, AtModifier.at(1_500), p);
        assertThat(plain).hasToString("foo{job=~\"a.*\"} @ 1.500 offset 1m");
        VectorSelector dotted = new VectorSelector("my.metric", List.of(LabelMatcher.eq("__name__", "my.metric"),
                LabelMatcher.eq("odd-label", "x")), 0, null, p);
        assertThat(dotted).hasToString("{\"my.metric\", \"odd-label\"=\"x\"}");
        MatrixSelector m = new MatrixSelector(plain, 300_000, p);
        assertThat(m).hasToString("foo{job=~\"a.*\"}[5m] @ 1.500 offset 1m");
    }

    @Test
    void binaryMatchingAndAggregations() {
        Position p = Position.NONE;
        VectorSelector a = new VectorSelector("a", List.of(LabelMatcher.eq("__name__", "a")), 0, null, p);
        VectorSelector b = new VectorSelector("b", List.of(LabelMatcher.eq("__name__", "b")), 0, null, p);
        BinaryExpr e = new BinaryExpr(BinaryOp.GTR, a, b,
                new VectorMatching(Cardinality.MANY_TO_ONE, List.of("x"), true, List.of("y", "z")), true, p);
        assertThat(e).hasToString("a > bool on (x) group_left (y, z) b");
        AggregateExpr agg = new AggregateExpr(AggregateOp.TOPK, e, new NumberLiteral(3, p), List.of("job"), true, p);
        assertThat(agg).hasToString("topk without (job) (3, a > bool on (x) group_left (y, z) b)");
        assertThat(new SubqueryExpr(agg, 600_000, 0, -60_000, AtModifier.END, p))
                .hasToString("topk without (job) (3, a > bool on (x) group_left (y, z) b)[10m:] @ end() offset -1m");
    }
}
