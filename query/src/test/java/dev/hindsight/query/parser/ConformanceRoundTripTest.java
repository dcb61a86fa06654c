package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.AstDump;
import dev.hindsight.query.ast.Expr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every query of the conformance scripts parses, prints, and parses back to the same tree.
 * Queries the script expects to fail may instead fail to parse (with a QueryException).
 */
class ConformanceRoundTripTest {

    @TestFactory
    List<DynamicTest> everyEvalQueryRoundTrips() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : ConformanceQueries.scripts()) {
            for (ConformanceQueries.Query q : ConformanceQueries.read(script)) {
                tests.add(DynamicTest.dynamicTest(q.toString(), () -> check(q)));
            }
        }
        return tests;
    }

    @Test
    void scriptsAreFoundAndHaveManyQueries() throws IOException {
        int n = 0;
        for (Path script : ConformanceQueries.scripts()) {
            n += ConformanceQueries.read(script).size();
        }
        assertThat(ConformanceQueries.scripts()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(n).isGreaterThan(1000);
    }

    private static void check(ConformanceQueries.Query q) {
        Expr first;
        try {
            first = QueryParser.parse(q.text());
        } catch (QueryException e) {
            if (q.expectFail()) {
                assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
                assertThat(e.position().isKnown()).isTrue();
                return;
            }
            throw new AssertionError("failed to parse: " + e.getMessage() + "\n" + e.position().caret(q.text()), e);
        }
        assertThat(AstDump.dump(QueryParser.parse(q.text(), false), true))
                .as("full LL parse agrees with the SLL fast path").isEqualTo(AstDump.dump(first, true));
        String printed = first.toString();
        Expr second = QueryParser.parse(printed);
        assertThat(AstDump.dump(second, false)).as("re-parse of %s", printed).isEqualTo(AstDump.dump(first, false));
        assertThat(second.toString()).isEqualTo(printed);
    }
}
