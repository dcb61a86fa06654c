package dev.hindsight.storage.select;

import java.util.regex.Pattern;

/** One label matcher of a selector: {@code name op "value"}. Regexes are fully anchored. */
public record LabelMatcher(Op op, String name, String value, Pattern pattern) {

    public enum Op {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    public static LabelMatcher of(Op op, String name, String value) {
        Pattern p = op == Op.RE || op == Op.NRE ? Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL) : null;
        return new LabelMatcher(op, name, value, p);
    }

    public static LabelMatcher eq(String name, String value) {
        return of(Op.EQ, name, value);
    }

    /** Whether a label value (empty when the label is absent) satisfies this matcher. */
    public boolean matches(String labelValue) {
        return switch (op) {
            case EQ -> labelValue.equals(value);
            case NEQ -> !labelValue.equals(value);
            case RE -> pattern.matcher(labelValue).matches();
            case NRE -> !pattern.matcher(labelValue).matches();
        };
    }

    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** Whether this matcher matches the empty string (and so series lacking the label). */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + Labels.escape(value) + '"';
    }
}
