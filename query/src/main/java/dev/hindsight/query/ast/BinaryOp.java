package dev.hindsight.query.ast;

/**
 * A binary operator with Prometheus's precedence (1 = loosest: {@code or}; 6 = tightest: {@code ^})
 * and associativity ({@code ^} is right-associative, all others left).
 */
public enum BinaryOp {
    ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5), MOD("%", 5), POW("^", 6), ATAN2("atan2", 5),
    EQL("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
    AND("and", 2), OR("or", 1), UNLESS("unless", 2);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }

    /** The operator as written in PromQL ({@code +}, {@code atan2}, {@code unless}, ...). */
    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean rightAssociative() {
        return this == POW;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
