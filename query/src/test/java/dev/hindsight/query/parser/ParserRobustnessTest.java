package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.AstDump;
import dev.hindsight.query.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deep nesting, reuse of the per-thread parser, and the fast/exact parse paths agree. */
class ParserRobustnessTest {

    @Test
    void moderatelyDeepQueriesParse() {
        assertThat(QueryParser.parse("(".repeat(200) + "a" + ")".repeat(200)).toString()).hasSize(401);
        assertThat(QueryParser.parse("a" + " + a".repeat(300)).toString()).hasSize(1 + 4 * 300);
    }

    @Test
    @Timeout(30)
    void absurdNestingIsAnErrorNotACrash() {
        QueryException e = catchThrowableOfType(QueryException.class,
                () -> QueryParser.parse("(".repeat(100_000) + "a" + ")".repeat(100_000)));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
        assertThat(e.getMessage()).isEqualTo("1:1: parse error: expression is nested too deeply");
    }

    @Test
    void anErrorDoesNotPoisonTheNextParse() {
        catchThrowableOfType(QueryException.class, () -> QueryParser.parse("sum(foo{a=}"));
        assertThat(QueryParser.parse("sum(foo{a=\"b\"})").toString()).isEqualTo("sum(foo{a=\"b\"})");
    }

    @Test
    void cachedRegexesMatchLikeFreshOnes() {
        VectorSelector first = (VectorSelector) QueryParser.parse("foo{a=~\"x.*\"}");
        VectorSelector second = (VectorSelector) QueryParser.parse("bar{b!~\"x.*\"}");
        assertThat(first.matchers().get(1).matches("xyz")).isTrue();
        assertThat(second.matchers().get(1).matches("xyz")).isFalse();
        assertThat(second.matchers().get(1).matches("abc")).isTrue();
    }

    @Test
    @Timeout(60)
    void threadsParseIndependently() throws Exception {
        List<String> queries = List.of(
                "sum by (job) (rate(http_requests_total{job=~\"api|web\"}[5m]))",
                "histogram_quantile(0.9, sum by (le) (rate(x_bucket[1m])))",
                "a / on(x) group_left(y) b offset 5m",
                "topk(3, foo) > bool 1");
        List<String> expected = new ArrayList<>();
        for (String q : queries) {
            expected.add(AstDump.dump(QueryParser.parse(q), true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int k = i % queries.size();
                        if (!AstDump.dump(QueryParser.parse(queries.get(k)), true).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
