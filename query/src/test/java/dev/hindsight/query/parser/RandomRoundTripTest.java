package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.AstDump;
import dev.hindsight.query.ast.Expr;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated queries (from a fixed seed, so failures reproduce): whenever one parses, its printed
 * form parses back to the same tree and prints the same. Most also parse at all.
 */
class RandomRoundTripTest {

    private static final List<String> BINARY = List.of("+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">",
            "<", ">=", "<=", "and", "or", "unless", "== bool", "> bool");
    private static final List<String> MODIFIERS = List.of("", "", "", " on(a)", " ignoring(a, b)",
            " on(a) group_left", " ignoring(b) group_right(c)", " on()");
    private static final List<String> AGGS = List.of("sum", "avg", "min", "max", "count", "stddev", "stdvar",
            "group");
    private static final List<String> NUMBERS = List.of("1", "0.5", "1e3", "0x1f", "Inf", "NaN", "2.", ".25",
            "1e-7", "123456789012", "5m");

    private final Random random = new Random(20261127L);

    @Test
    void generatedQueriesRoundTrip() {
        int parsed = 0;
        for (int i = 0; i < 2000; i++) {
            String q = expr(4);
            Expr e;
            try {
                e = QueryParser.parse(q);
            } catch (QueryException ex) {
                continue; // type errors are expected for some combinations
            }
            parsed++;
            String printed = e.toString();
            Expr again = QueryParser.parse(printed);
            assertThat(AstDump.dump(again, false)).as("%s  printed as  %s", q, printed)
                    .isEqualTo(AstDump.dump(e, false));
            assertThat(again.toString()).isEqualTo(printed);
        }
        assertThat(parsed).isGreaterThan(400);
    }

    private String expr(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return switch (random.nextInt(9)) {
            case 0, 1 -> expr(depth - 1) + " " + pick(BINARY) + pick(MODIFIERS) + " " + expr(depth - 1);
            case 2 -> "(" + expr(depth - 1) + ")";
            case 3 -> (random.nextBoolean() ? "-" : "+") + expr(depth - 1);
            case 4 -> pick(AGGS) + (random.nextBoolean() ? " by (job)" : " without (instance, job)")
                    + " (" + expr(depth - 1) + ")";
            case 5 -> "rate(" + selector() + "[5m]" + ")";
            case 6 -> "abs(" + expr(depth - 1) + ")[10m:" + (random.nextBoolean() ? "1m" : "") + "]";
            case 7 -> "topk(" + pick(NUMBERS) + ", " + expr(depth - 1) + ")";
            default -> "clamp(" + expr(depth - 1) + ", " + pick(NUMBERS) + ", " + pick(NUMBERS) + ")";
        };
    }

    private String leaf() {
        return random.nextInt(3) == 0 ? pick(NUMBERS) : selector();
    }

    private String selector() {
        String s = pick(List.of("foo", "bar:baz", "{__name__=\"x\"}", "foo{a=\"b\"}", "foo{a=~\"x|y\", b!=\"\"}",
                "{job!~\"api.*\", c=\"d\"}", "sum", "offset{a=\"\\n\"}"));
        return s + pick(List.of("", "", " offset 5m", " offset -1h30m", " @ 100", " @ end()", " @ 1.5 offset 1m"));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
