package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.Position;
import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AstDump;
import dev.hindsight.query.ast.AtModifier;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Cardinality;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.StringLiteral;
import dev.hindsight.query.ast.SubqueryExpr;
import dev.hindsight.query.ast.ValueType;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.storage.select.LabelMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-picked syntax: parses, prints as expected, and the printed form parses back to the same tree. */
class RoundTripTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            foo{a="b",}                          | foo{a="b"}
            {__name__="x"}                       | {__name__="x"}
            {"foo.bar", a="b"}                   | {__name__="foo.bar", a="b"}
            foo{on="x", by="y", sum="z"}         | foo{on="x", by="y", sum="z"}
            sum(foo) by (a,)                     | sum by (a) (foo)
            SUM WITHOUT () (foo)                 | sum without () (foo)
            topk(3, foo)                         | topk(3, foo)
            foo[5m] offset -1m                   | foo[5m] offset -1m
            foo[1h30m:] @ end()                  | foo[1h30m:] @ end()
            rate(foo[5m])[30m:1m] offset 1m @ 10 | rate(foo[5m])[30m:1m] @ 10.000 offset 1m
            foo[300]                             | foo[5m]
            foo @ 100s                           | foo @ 100.000
            predict_linear(foo[1h], 1h)          | predict_linear(foo[1h], 3600)
            foo * ignoring(a) group_right bar    | foo * ignoring (a) group_right () bar
            foo AND on() bar                     | foo and on () bar
            0x1F + 1e3 + .5 + 5. + -inf + NaN    | 31 + 1000 + 0.5 + 5 + -Inf + NaN
            'it\\'s'                             | "it's"
            `raw\\n`                             | "raw\\\\n"
            "\\x41\\u00e9\\101"                  | "AéA"
            foo:bar:baz # comment                | foo:bar:baz
            -(foo + 1)                           | -(foo + 1)
            start() + end()                      | start() + end()
            """)
    void printsAndParsesBack(String query, String printed) {
        Expr e = QueryParser.parse(query);
        assertThat(e.toString()).isEqualTo(printed);
        assertThat(AstDump.dump(QueryParser.parse(printed), false)).isEqualTo(AstDump.dump(e, false));
    }

    @Test
    void selectorNameAndMatchers() {
        VectorSelector vs = (VectorSelector) QueryParser.parse("foo{job!~\"a|b\"} offset 5m @ start()");
        assertThat(vs.name()).isEqualTo("foo");
        assertThat(vs.matchers()).extracting(LabelMatcher::name).containsExactly("__name__", "job");
        assertThat(vs.matchers().get(1).op()).isEqualTo(LabelMatcher.Op.NRE);
        assertThat(vs.offsetMs()).isEqualTo(300_000);
        assertThat(vs.at()).isEqualTo(AtModifier.START);
        assertThat(vs.position()).isEqualTo(new Position(0, 35));
    }

    @Test
    void modifiersAfterARangeGoToTheInnerSelector() {
        MatrixSelector m = (MatrixSelector) QueryParser.parse("foo[5m] offset 1m @ 12.5");
        assertThat(m.rangeMs()).isEqualTo(300_000);
        assertThat(m.vector().offsetMs()).isEqualTo(60_000);
        assertThat(m.vector().at()).isEqualTo(AtModifier.at(12_500));
        assertThat(m.type()).isEqualTo(ValueType.MATRIX);
    }

    @Test
    void subqueryDefaultStepIsZero() {
        SubqueryExpr s = (SubqueryExpr) QueryParser.parse("rate(foo[1m])[10m:]");
        assertThat(s.stepMs()).isZero();
        assertThat(s.rangeMs()).isEqualTo(600_000);
        assertThat(s.expr()).isInstanceOf(Call.class);
    }

    @Test
    void matchingDefaultsPerContract() {
        BinaryExpr plus = (BinaryExpr) QueryParser.parse("a + b");
        assertThat(plus.matching().card()).isEqualTo(Cardinality.ONE_TO_ONE);
        assertThat(plus.matching().on()).isFalse();
        assertThat(plus.matching().labels()).isEmpty();
        BinaryExpr and = (BinaryExpr) QueryParser.parse("a and b");
        assertThat(and.matching().card()).isEqualTo(Cardinality.MANY_TO_MANY);
        assertThat(((BinaryExpr) QueryParser.parse("a * 2")).matching()).isNull();
        BinaryExpr grouped = (BinaryExpr) QueryParser.parse("a / on(x) group_left(y) b");
        assertThat(grouped.matching().card()).isEqualTo(Cardinality.MANY_TO_ONE);
        assertThat(grouped.matching().include()).containsExactly("y");
        assertThat(grouped.type()).isEqualTo(ValueType.VECTOR);
        assertThat(QueryParser.parse("1 + 2").type()).isEqualTo(ValueType.SCALAR);
    }

    @Test
    void aggregationParamAndGrouping() {
        AggregateExpr a = (AggregateExpr) QueryParser.parse("count_values without (x) (\"v\", foo)");
        assertThat(a.param()).isEqualTo(new StringLiteral("v", new Position(26, 29)));
        assertThat(a.without()).isTrue();
        assertThat(a.grouping()).containsExactly("x");
        assertThat(((AggregateExpr) QueryParser.parse("sum(foo)")).param()).isNull();
    }

    @Test
    void positionsCoverTheWrittenText() {
        BinaryExpr e = (BinaryExpr) QueryParser.parse("sum(rate(x[5m])) / 2");
        assertThat(e.position()).isEqualTo(new Position(0, 20));
        assertThat(e.lhs().position()).isEqualTo(new Position(0, 16));
        Call rate = (Call) ((AggregateExpr) e.lhs()).expr();
        assertThat(rate.position()).isEqualTo(new Position(4, 15));
        assertThat(rate.args().get(0).position()).isEqualTo(new Position(9, 14));
        assertThat(AstDump.dump(e, true)).contains("@4-15");
    }

    @Test
    void durations() {
        assertThat(QueryParser.parseDuration("1h30m")).isEqualTo(5_400_000);
        assertThat(QueryParser.parseDuration("1y1w1d")).isEqualTo((365L + 7 + 1) * 86_400_000);
        assertThat(QueryParser.parseDuration("1ms")).isEqualTo(1);
        assertThat(QueryParser.parseDuration("1.5")).isEqualTo(1_500);
    }
}
