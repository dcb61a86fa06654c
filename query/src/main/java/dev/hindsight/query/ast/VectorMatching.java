package dev.hindsight.query.ast;

import java.util.List;

/**
 * Vector matching of a binary operation. {@code on=true}: match only on {@code labels};
 * {@code on=false}: ignore {@code labels}. {@code include} are the extra labels of
 * {@code group_left(...)}/{@code group_right(...)}.
 */
public record VectorMatching(Cardinality card, List<String> labels, boolean on, List<String> include) {

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }

    /** The default matching for a vector/vector operation without {@code on}/{@code ignoring}. */
    public static VectorMatching defaultFor(BinaryOp op) {
        return new VectorMatching(op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE,
                List.of(), false, List.of());
    }

    /** The text between operator and right-hand side, e.g. {@code " on (a) group_left (b)"}; empty when default. */
    @Override
    public String toString() {
        boolean grouped = card == Cardinality.MANY_TO_ONE || card == Cardinality.ONE_TO_MANY;
        if (labels.isEmpty() && !on && !grouped) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append(on ? " on (" : " ignoring (").append(Printer.labelList(labels)).append(')');
        if (grouped) {
            b.append(card == Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (")
                    .append(Printer.labelList(include)).append(')');
        }
        return b.toString();
    }
}
