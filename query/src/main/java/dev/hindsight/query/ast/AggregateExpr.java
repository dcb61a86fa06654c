package dev.hindsight.query.ast;

import dev.hindsight.query.Position;
import java.util.List;

/**
 * An aggregation, e.g. {@code sum by (job) (rate(x[5m]))} or {@code topk(3, x)}. {@code param} is
 * null unless {@link AggregateOp#hasParam()}. {@code without=true}: {@code grouping} lists labels
 * to drop; otherwise the labels to keep ({@code by}).
 */
public record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without,
        Position position) implements Expr {

    public AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(op.keyword());
        if (without) {
            b.append(" without (").append(Printer.labelList(grouping)).append(") ");
        } else if (!grouping.isEmpty()) {
            b.append(" by (").append(Printer.labelList(grouping)).append(") ");
        }
        b.append('(');
        if (param != null) {
            b.append(param).append(", ");
        }
        return b.append(expr).append(')').toString();
    }
}
