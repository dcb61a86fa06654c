package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.ast.Expr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses PromQL text into a type-checked {@link Expr}. Errors are {@link QueryException}s of kind
 * BAD_DATA whose message reads like Prometheus's ({@code 1:15: parse error: ...}) and which carry
 * the {@link Position} and the query text, so callers can render {@code position.caret(query)}.
 * Thread-safe: each thread reuses its own lexer and parser; parsing tries fast SLL prediction
 * first and falls back to full LL (which also produces the error message) when that fails.
 */
public final class QueryParser {

    private QueryParser() {
    }

    private static final int REGEX_CACHE_SIZE = 256;

    /** Per-thread lexer and parser, reused across calls (their DFA caches are shared anyway). */
    private static final ThreadLocal<Machinery> MACHINERY = ThreadLocal.withInitial(Machinery::new);

    public static Expr parse(String query) {
        return parse(query, true);
    }

    /** For tests: {@code fast=false} skips the SLL attempt and always predicts with full LL. */
    static Expr parse(String query, boolean fast) {
        try {
            return MACHINERY.get().parse(query, fast);
        } catch (StackOverflowError e) {
            throw new SourceText(query).error(new Position(0, 0), "expression is nested too deeply");
        }
    }

    /** One thread's lexer and parser. Not thread-safe; confined by the ThreadLocal. */
    private static final class Machinery {
        private final PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(""));
        private final PromQLParser parser = new PromQLParser(new CommonTokenStream(lexer));
        /** Recently used label-matcher regexes, compiled; dashboards repeat the same ones. */
        private final Map<String, Pattern> regexCache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > REGEX_CACHE_SIZE;
            }
        };

        Machinery() {
            lexer.removeErrorListeners();
            parser.removeErrorListeners();
        }

        Expr parse(String query, boolean fast) {
            SourceText src = new SourceText(query);
            lexer.setInputStream(CharStreams.fromString(query));
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            if (onlyHidden(tokens)) {
                throw src.error(new Position(0, 0), "no expression found in input");
            }
            SyntaxErrors errors = new SyntaxErrors(src, tokens.getTokens());
            QueryException lexical = errors.lexicalOrNull();
            PromQLParser.QueryContext tree = lexical == null && fast ? parseFast(tokens) : null;
            if (tree == null) {
                tree = parseExact(tokens, errors);
            }
            return new AstBuilder(src, regexCache).expr(tree.expr());
        }

        /** SLL prediction, bailing out at the first problem: enough for almost every valid query. */
        private PromQLParser.QueryContext parseFast(CommonTokenStream tokens) {
            parser.setTokenStream(tokens);
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            try {
                return parser.query();
            } catch (ParseCancellationException e) {
                return null;
            }
        }

        /** Full LL prediction with the error strategy that words the first error like Prometheus. */
        private PromQLParser.QueryContext parseExact(CommonTokenStream tokens, SyntaxErrors errors) {
            tokens.seek(0);
            parser.setTokenStream(tokens);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(errors);
            try {
                return parser.query();
            } catch (ParseCancellationException e) {
                QueryException lexical = errors.lexicalOrNull();
                throw lexical != null ? lexical : errors.error(parser, parser.getCurrentToken(), parser.getContext());
            }
        }
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
