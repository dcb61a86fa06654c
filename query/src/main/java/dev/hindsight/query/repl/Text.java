package dev.hindsight.query.repl;

/** Column padding and shortening by code points (labels are mostly ASCII; the ellipsis is one column). */
final class Text {
    private Text() {
    }

    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    static String padRight(String s, int w) {
        int n = width(s);
        return n >= w ? s : s + " ".repeat(w - n);
    }

    static String padLeft(String s, int w) {
        int n = width(s);
        return n >= w ? s : " ".repeat(w - n) + s;
    }

    /** Shortens to {@code w} columns by cutting the middle: {@code /docker/aaaa…0001}. */
    static String shorten(String s, int w) {
        int n = width(s);
        if (n <= w || w < 3) {
            return s;
        }
        int keepHead = (w - 1) / 2 + (w - 1) % 2;
        int keepTail = w - 1 - keepHead;
        int headEnd = s.offsetByCodePoints(0, keepHead);
        int tailStart = s.offsetByCodePoints(0, n - keepTail);
        return s.substring(0, headEnd) + "…" + s.substring(tailStart);
    }
}
