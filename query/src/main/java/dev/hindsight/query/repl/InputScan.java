package dev.hindsight.query.repl;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A light lexical scan of (part of) a query as typed: which brackets are open (and what word
 * stands before each), whether a string is open, comments skipped. Enough to decide whether
 * input continues on the next line and what to complete; the real parser judges the rest.
 * Double- and single-quoted strings end at a line's end (PromQL does not let them span lines);
 * backtick strings may span lines.
 */
final class InputScan {
    /** An open bracket: its character, its offset, and the identifier right before it (or null). */
    record Frame(char open, int offset, String before) {
    }

    final Deque<Frame> frames = new ArrayDeque<>();
    /** The quote character of the string open at the end of the scan, or 0. */
    char quote;
    /** Offset of that string's opening quote. */
    int stringStart = -1;
    /** Whether a single- or double-quoted string was left unterminated at a line's end (a syntax error). */
    boolean brokenString;

    private InputScan() {
    }

    /** Scans {@code text[0, end)}. */
    static InputScan of(String text, int end) {
        InputScan s = new InputScan();
        int i = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (s.quote != 0) {
                if (c == '\\' && s.quote != '`') {
                    i += 2;
                    continue;
                }
                if (c == '\n' && s.quote != '`') {
                    s.brokenString = true;
                    s.quote = 0;
                } else if (c == s.quote) {
                    s.quote = 0;
                }
            } else if (c == '#') {
                while (i < end && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            } else if (c == '"' || c == '\'' || c == '`') {
                s.quote = c;
                s.stringStart = i;
            } else if (c == '(' || c == '[' || c == '{') {
                s.frames.push(new Frame(c, i, identifierBefore(text, i)));
            } else if ((c == ')' || c == ']' || c == '}') && !s.frames.isEmpty()) {
                s.frames.pop();
            }
            i++;
        }
        return s;
    }

    /**
     * Whether the input is unfinished: a bracket or backtick string open, or a last line ending
     * in {@code \}. An unterminated quoted string is not unfinished but wrong: the parser says so.
     */
    static boolean incomplete(String text) {
        InputScan s = of(text, text.length());
        if (s.brokenString || s.quote == '"' || s.quote == '\'') {
            return false;
        }
        if (!s.frames.isEmpty() || s.quote == '`') {
            return true;
        }
        return endsWithBackslash(text) && s.quote == 0;
    }

    /** The query to run: continuation backslashes removed (their newline kept), outer blanks trimmed. */
    static String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String stripped = TableRenderer.stripEnd(l);
            if (stripped.endsWith("\\")) {
                l = stripped.substring(0, stripped.length() - 1);
            }
            sb.append(l);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString().strip();
    }

    private static boolean endsWithBackslash(String text) {
        String t = TableRenderer.stripEnd(text);
        int lineStart = t.lastIndexOf('\n') + 1;
        String last = t.substring(lineStart);
        return last.endsWith("\\") && last.indexOf('#') < 0;
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    /** The identifier ending right before {@code offset} (blanks skipped), or null. */
    static String identifierBefore(String text, int offset) {
        int e = offset;
        while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        int b = e;
        while (b > 0 && isIdentifierChar(text.charAt(b - 1))) {
            b--;
        }
        return b == e ? null : text.substring(b, e);
    }
}
