package dev.hindsight.query.ast;

import dev.hindsight.query.Position;
import java.util.List;

/** A function call; {@code function} is the signature from {@link Functions}. */
public record Call(FunctionSignature function, List<Expr> args, Position position) implements Expr {

    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(function.name()).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(args.get(i));
        }
        return b.append(')').toString();
    }
}
