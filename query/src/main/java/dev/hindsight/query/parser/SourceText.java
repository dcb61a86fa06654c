package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The query being parsed: turns ANTLR token indexes (code points) into {@link Position}s (chars)
 * and makes {@link QueryException}s worded like Prometheus's: {@code 1:15: parse error: ...}.
 */
final class SourceText {

    private final String query;
    /** Char offset of each code point, or null when the query has no supplementary characters. */
    private final int[] charOffsetOfCodePoint;

    SourceText(String query) {
        this.query = query;
        int[] map = null;
        if (query.codePointCount(0, query.length()) != query.length()) {
            int n = query.codePointCount(0, query.length());
            map = new int[n + 1];
            int c = 0;
            for (int cp = 0; cp < n; cp++) {
                map[cp] = c;
                c += Character.charCount(query.codePointAt(c));
            }
            map[n] = query.length();
        }
        this.charOffsetOfCodePoint = map;
    }

    String query() {
        return query;
    }

    int charOffset(int codePointIndex) {
        if (charOffsetOfCodePoint == null) {
            return codePointIndex;
        }
        return charOffsetOfCodePoint[Math.max(0, Math.min(codePointIndex, charOffsetOfCodePoint.length - 1))];
    }

    Position of(Token t) {
        if (t.getType() == Token.EOF) {
            return new Position(query.length(), query.length());
        }
        return new Position(charOffset(t.getStartIndex()), charOffset(t.getStopIndex() + 1));
    }

    Position of(ParserRuleContext ctx) {
        Token stop = ctx.getStop();
        if (stop == null || stop.getStopIndex() < ctx.getStart().getStartIndex()) {
            return of(ctx.getStart());
        }
        return new Position(charOffset(ctx.getStart().getStartIndex()), charOffset(stop.getStopIndex() + 1));
    }

    Position span(Token from, Token to) {
        return Position.span(of(from), of(to));
    }

    /** A BAD_DATA exception {@code line:col: parse error: detail}. */
    QueryException error(Position p, String detail) {
        return new QueryException(QueryException.Kind.BAD_DATA, p,
                p.line(query) + ":" + p.column(query) + ": parse error: " + detail, query);
    }
}
