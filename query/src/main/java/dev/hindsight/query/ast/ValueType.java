package dev.hindsight.query.ast;

import java.util.Locale;

/** The type of a PromQL expression; {@code name().toLowerCase()} is Prometheus's {@code resultType}. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String documented;

    ValueType(String documented) {
        this.documented = documented;
    }

    /** The name used in error messages, as Prometheus documents it ("instant vector", ...). */
    public String documentedName() {
        return documented;
    }

    /** The API result type: "scalar", "vector", "matrix" or "string". */
    public String resultType() {
        return name().toLowerCase(Locale.ROOT);
    }
}
