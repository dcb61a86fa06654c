package dev.hindsight.query;

/**
 * A span of the query text: {@code start} inclusive, {@code end} exclusive, as character
 * offsets. Line and column are computed on demand, 1-based, as people count them.
 */
public record Position(int start, int end) {
    public static final Position NONE = new Position(-1, -1);

    public boolean isKnown() {
        return start >= 0;
    }

    public int line(String text) {
        int line = 1;
        for (int i = 0; i < start && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public int column(String text) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, Math.min(start, text.length()) - 1)) + 1;
        return start - lineStart + 1;
    }

    /** The offending line of the query with a caret under the start of this span. */
    public String caret(String text) {
        if (!isKnown()) {
            return text;
        }
        int s = Math.min(start, text.length());
        int lineStart = text.lastIndexOf('\n', Math.max(0, s - 1)) + 1;
        if (s == 0) {
            lineStart = 0;
        }
        int lineEnd = text.indexOf('\n', s);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        return text.substring(lineStart, lineEnd) + "\n" + " ".repeat(s - lineStart) + "^";
    }

    public static Position span(Position a, Position b) {
        return new Position(a.start, b.end);
    }
}
