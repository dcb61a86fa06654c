package dev.hindsight.query.ast;

/**
 * The {@code @} modifier of a selector or subquery: a fixed timestamp ({@code @ 1609746000}),
 * or the start or end of the query range ({@code @ start()}, {@code @ end()}).
 * {@code timestampMs} is meaningful only for {@link Kind#TIMESTAMP}.
 */
public record AtModifier(Kind kind, long timestampMs) {

    public enum Kind { TIMESTAMP, START, END }

    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public static AtModifier at(long timestampMs) {
        return new AtModifier(Kind.TIMESTAMP, timestampMs);
    }

    /** Prints {@code @ 123.456}, {@code @ start()} or {@code @ end()}. */
    @Override
    public String toString() {
        return switch (kind) {
            case START -> "@ start()";
            case END -> "@ end()";
            case TIMESTAMP -> "@ " + Printer.millisAsSeconds(timestampMs);
        };
    }
}
