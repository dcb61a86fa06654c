package dev.hindsight.query.repl;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of the input. On Enter, an unfinished query (open bracket, open backtick string,
 * trailing {@code \}) raises {@link EOFError} so JLine asks for another line; {@code :commands}
 * always end at the line. For completion, the word at the cursor is the identifier before it,
 * or the whole open string (so label values complete with their quote).
 */
final class QueryLineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":") && InputScan.incomplete(line)) {
            throw new EOFError(-1, -1, "query continues", "more");
        }
        int c = Math.max(0, Math.min(cursor, line.length()));
        int start = wordStart(line, c);
        return new Line(line, c, line.substring(start, c));
    }

    static int wordStart(String line, int cursor) {
        InputScan s = InputScan.of(line, cursor);
        if (s.quote == '"' || s.quote == '\'') {
            return s.stringStart;
        }
        int b = cursor;
        while (b > 0 && InputScan.isIdentifierChar(line.charAt(b - 1))) {
            b--;
        }
        return b;
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** One word: the text from its start up to the cursor. */
    private record Line(String line, int cursor, String word) implements CompletingParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        /** Candidates are inserted as they are: label values carry their own quotes and escapes. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
