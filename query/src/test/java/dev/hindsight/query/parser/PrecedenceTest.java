package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.ast.AstDump;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.BinaryOp;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.NumberLiteral;
import dev.hindsight.query.ast.UnaryExpr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator precedence and associativity are Prometheus's. */
class PrecedenceTest {

    /** Each query parses to the same tree as its explicitly parenthesised form (parens stripped). */
    @ParameterizedTest(name = "{0}  ==  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a + b * c                 | a + (b * c)
            a * b + c                 | (a * b) + c
            a - b - c                 | (a - b) - c
            a / b / c                 | (a / b) / c
            2 ^ 3 ^ 2                 | 2 ^ (3 ^ 2)
            a * b ^ c                 | a * (b ^ c)
            a atan2 b + c             | (a atan2 b) + c
            a % b * c                 | (a % b) * c
            a + b > c - d             | (a + b) > (c - d)
            a > b and c < d           | (a > b) and (c < d)
            a or b and c              | a or (b and c)
            a and b or c unless d     | (a and b) or (c unless d)
            a unless b and c          | (a unless b) and c
            a or b or c               | (a or b) or c
            -a * b                    | (-a) * b
            -a ^ b                    | -(a ^ b)
            a ^ -b                    | a ^ (-b)
            -a offset 5m              | -(a offset 5m)
            a + b offset 5m           | a + (b offset 5m)
            a == bool b + c           | a == bool (b + c)
            """)
    void groupsLikePrometheus(String query, String parenthesised) {
        assertThat(AstDump.dump(stripParens(QueryParser.parse(query)), false))
                .isEqualTo(AstDump.dump(stripParens(QueryParser.parse(parenthesised)), false));
    }

    @Test
    void minusTwoSquaredIsMinusFour() {
        Expr e = QueryParser.parse("-2^2");
        assertThat(e).isInstanceOf(UnaryExpr.class);
        UnaryExpr u = (UnaryExpr) e;
        assertThat(u.negate()).isTrue();
        assertThat(((BinaryExpr) u.expr()).op()).isEqualTo(BinaryOp.POW);
    }

    @Test
    void signsOfNumberLiteralsAreFolded() {
        assertThat(QueryParser.parse("-2")).isEqualTo(new NumberLiteral(-2, new dev.hindsight.query.Position(0, 2)));
        assertThat(((NumberLiteral) QueryParser.parse("- -2")).value()).isEqualTo(2.0);
        assertThat(((NumberLiteral) QueryParser.parse("+Inf")).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(((BinaryExpr) QueryParser.parse("1 - -1")).rhs()).isInstanceOf(NumberLiteral.class);
    }

    @Test
    void powIsRightAssociative() {
        BinaryExpr e = (BinaryExpr) QueryParser.parse("a ^ b ^ c");
        assertThat(e.lhs().toString()).isEqualTo("a");
        assertThat(e.rhs().toString()).isEqualTo("b ^ c");
    }

    private static Expr stripParens(Expr e) {
        if (e instanceof dev.hindsight.query.ast.ParenExpr p) {
            return stripParens(p.expr());
        }
        if (e instanceof BinaryExpr b) {
            return new BinaryExpr(b.op(), stripParens(b.lhs()), stripParens(b.rhs()), b.matching(), b.returnBool(),
                    b.position());
        }
        if (e instanceof UnaryExpr u) {
            Expr inner = stripParens(u.expr());
            return new UnaryExpr(u.negate(), inner, u.position());
        }
        return e;
    }
}
