package dev.hindsight.query.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.parser.QueryParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprsTest {

    @Test
    void selectorsInSourceOrder() {
        Expr e = QueryParser.parse("topk(3, rate(a[5m])) / on(x) (b + max_over_time(c[1h:1m]))");
        assertThat(Exprs.selectors(e)).extracting(VectorSelector::name).containsExactly("a", "b", "c");
    }

    @Test
    void walkIsPreOrder() {
        List<String> kinds = new ArrayList<>();
        Exprs.walk(QueryParser.parse("-(1 + foo)"), x -> kinds.add(x.getClass().getSimpleName()));
        assertThat(kinds).containsExactly("UnaryExpr", "ParenExpr", "BinaryExpr", "NumberLiteral", "VectorSelector");
    }

    @Test
    void unwrapParens() {
        Expr e = QueryParser.parse("count_values(((\"v\")), foo)");
        Expr param = ((AggregateExpr) e).param();
        assertThat(param).isInstanceOf(ParenExpr.class);
        assertThat(Exprs.unwrapParens(param)).isInstanceOf(StringLiteral.class);
        assertThat(Exprs.children(param)).hasSize(1);
    }
}
