package dev.hindsight.query.ast;

import java.util.List;
import java.util.Optional;

/**
 * The signature of a PromQL function, as in Prometheus's {@code promql/parser/functions.go}.
 * {@code variadic}: 0 = exactly {@code argTypes.size()} arguments; n &gt; 0 = the last argument
 * is optional and may repeat up to n times; -1 = the last may repeat without limit (so with
 * variadic != 0 the last declared argument may also be absent).
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

    public FunctionSignature {
        argTypes = List.copyOf(argTypes);
    }

    /** The function of that exact (case-sensitive) name, if PromQL has one. */
    public static Optional<FunctionSignature> lookup(String name) {
        return Functions.lookup(name);
    }

    public int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments allowed; {@link Integer#MAX_VALUE} when unlimited. */
    public int maxArgs() {
        if (variadic == 0) {
            return argTypes.size();
        }
        return variadic < 0 ? Integer.MAX_VALUE : argTypes.size() - 1 + variadic;
    }

    /** The type argument {@code i} must have (repeated variadic arguments share the last type). */
    public ValueType argType(int i) {
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }

    @Override
    public String toString() {
        return name;
    }
}
