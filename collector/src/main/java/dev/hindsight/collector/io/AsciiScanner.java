package dev.hindsight.collector.io;

/**
 * A reusable cursor over lines and whitespace-separated tokens of a byte range.
 *
 * <pre>{@code
 * scanner.wrap(buffer);
 * while (scanner.nextLine()) {
 *     if (scanner.nextToken() && scanner.tokenIs(KEY) && scanner.nextToken()) {
 *         long v = scanner.tokenLong();
 *     }
 * }
 * }</pre>
 *
 * <p>Owned by one thread; allocation-free after construction.
 */
public final class AsciiScanner {
    private byte[] b = new byte[0];
    private int end;
    private int next;
    private int lineStart;
    private int lineEnd;
    private int tokenCursor;
    private int tokenStart;
    private int tokenEnd;

    /** Scans the valid bytes of {@code buffer}. */
    public AsciiScanner wrap(StatBuffer buffer) {
        return wrap(buffer.data(), 0, buffer.length());
    }

    /** Scans {@code [from, to)} of {@code bytes}. */
    public AsciiScanner wrap(byte[] bytes, int from, int to) {
        this.b = bytes;
        this.end = to;
        this.next = from;
        this.lineStart = from;
        this.lineEnd = from;
        this.tokenCursor = from;
        this.tokenStart = from;
        this.tokenEnd = from;
        return this;
    }

    /** Moves to the next line (which may be empty). Returns false at the end of the data. */
    public boolean nextLine() {
        if (next >= end) {
            return false;
        }
        lineStart = next;
        int nl = Ascii.indexOf(b, next, end, (byte) '\n');
        lineEnd = nl < 0 ? end : nl;
        next = nl < 0 ? end : nl + 1;
        tokenCursor = lineStart;
        tokenStart = lineStart;
        tokenEnd = lineStart;
        return true;
    }

    /** Moves to the next token of the current line. Returns false when the line has no more. */
    public boolean nextToken() {
        int i = tokenCursor;
        while (i < lineEnd && Ascii.isSpace(b[i])) {
            i++;
        }
        if (i >= lineEnd) {
            tokenCursor = lineEnd;
            return false;
        }
        int s = i;
        while (i < lineEnd && !Ascii.isSpace(b[i])) {
            i++;
        }
        tokenStart = s;
        tokenEnd = i;
        tokenCursor = i;
        return true;
    }

    /** Skips {@code n} tokens; returns false if the line ends first. */
    public boolean skipTokens(int n) {
        for (int i = 0; i < n; i++) {
            if (!nextToken()) {
                return false;
            }
        }
        return true;
    }

    /** Restarts token iteration of the current line at byte offset {@code position}. */
    public void seekInLine(int position) {
        tokenCursor = Math.max(lineStart, Math.min(position, lineEnd));
    }

    /** Whether the current token is exactly {@code key}. */
    public boolean tokenIs(byte[] key) {
        return Ascii.equals(b, tokenStart, tokenEnd, key);
    }

    /** Whether the current token starts with {@code prefix}. */
    public boolean tokenStartsWith(byte[] prefix) {
        return Ascii.startsWith(b, tokenStart, tokenEnd, prefix);
    }

    /** Index into {@code keys} of the key equal to the current token, or -1. */
    public int tokenIndexIn(byte[][] keys) {
        int len = tokenEnd - tokenStart;
        byte first = len > 0 ? b[tokenStart] : 0;
        for (int k = 0; k < keys.length; k++) {
            byte[] key = keys[k];
            if (key.length == len && key[0] == first && Ascii.equals(b, tokenStart, tokenEnd, key)) {
                return k;
            }
        }
        return -1;
    }

    /** The current token as a number, or {@link Ascii#NOT_A_NUMBER}. */
    public long tokenLong() {
        return Ascii.parseLong(b, tokenStart, tokenEnd);
    }

    /** The current token as a number; the word {@code max} gives {@code maxValue}. */
    public long tokenLongOrMax(long maxValue) {
        return Ascii.parseLongOrMax(b, tokenStart, tokenEnd, maxValue);
    }

    /** Number after the first {@code '='} of the current token ({@code total=123}), or NOT_A_NUMBER. */
    public long tokenValueAfterEquals() {
        int eq = Ascii.indexOf(b, tokenStart, tokenEnd, (byte) '=');
        return eq < 0 ? Ascii.NOT_A_NUMBER : Ascii.parseLong(b, eq + 1, tokenEnd);
    }

    /** Whether the current line has no non-space byte. */
    public boolean lineIsBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (!Ascii.isSpace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The scanned bytes (valid in {@code [lineStart(), lineEnd())} etc.). */
    public byte[] bytes() {
        return b;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    public int tokenStart() {
        return tokenStart;
    }

    public int tokenEnd() {
        return tokenEnd;
    }

    /** The current token as a String. Allocates: for specs and tests, not per tick. */
    public String tokenString() {
        return Ascii.string(b, tokenStart, tokenEnd);
    }
}
