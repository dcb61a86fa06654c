package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.Expr;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses PromQL text into a type-checked {@link Expr}. Errors are {@link QueryException}s of kind
 * BAD_DATA whose message reads like Prometheus's ({@code 1:15: parse error: ...}) and which carry
 * the {@link Position} and the query text, so callers can render {@code position.caret(query)}.
 * Thread-safe: all state is per call.
 */
public final class QueryParser {

    private QueryParser() {
    }

    public static Expr parse(String query) {
        SourceText src = new SourceText(query);
        PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(query));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (onlyHidden(tokens)) {
            throw src.error(new Position(0, 0), "no expression found in input");
        }
        SyntaxErrors errors = new SyntaxErrors(src, tokens.getTokens());
        PromQLParser parser = new PromQLParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(errors);
        PromQLParser.QueryContext tree;
        try {
            tree = parser.query();
        } catch (ParseCancellationException e) {
            QueryException lexical = errors.lexicalOrNull();
            throw lexical != null ? lexical : errors.error(parser, parser.getCurrentToken(), parser.getContext());
        }
        return new AstBuilder(src).expr(tree.expr());
    }

    /**
     * A Prometheus duration ({@code 1h30m}, {@code 5m}, {@code 1y}, {@code 100ms}) or a number of
     * seconds ({@code 1.5}), in milliseconds.
     */
    public static long parseDuration(String text) {
        SourceText src = new SourceText(text);
        try {
            return Literals.duration(text);
        } catch (Literals.LiteralException e) {
            try {
                double seconds = Double.parseDouble(text);
                if (!Double.isNaN(seconds) && !Double.isInfinite(seconds) && !text.matches(".*[a-zA-Z].*")) {
                    return Math.round(seconds * 1000);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the duration error
            }
            throw new QueryException(QueryException.Kind.BAD_DATA, new Position(0, text.length()), e.getMessage(),
                    src.query());
        }
    }

    private static boolean onlyHidden(CommonTokenStream tokens) {
        for (Token t : tokens.getTokens()) {
            if (t.getType() != Token.EOF && t.getChannel() == Token.DEFAULT_CHANNEL) {
                return false;
            }
        }
        return true;
    }
}
